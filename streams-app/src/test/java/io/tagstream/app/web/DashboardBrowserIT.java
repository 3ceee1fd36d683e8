package io.tagstream.app.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.tagstream.app.PipelineHarness;
import io.tagstream.app.TagstreamApp;
import io.tagstream.app.config.AppConfig;
import io.tagstream.app.labeller.TestEncoders;
import io.tagstream.features.DecodedAudio;
import io.tagstream.features.FeatureSpec;
import io.tagstream.features.Pcm16;
import io.tagstream.features.StreamingFeatureExtractor;
import io.tagstream.features.TarsosFeatureExtractor;
import io.tagstream.features.WavDecoder;
import io.tagstream.features.WavWriter;
import io.tagstream.ingest.IngestConfig;
import io.tagstream.ingest.ProgressBar;
import io.tagstream.ingest.ReplaySpeed;
import io.tagstream.ingest.SendMode;
import io.tagstream.ingest.WavFileReplayer;
import io.tagstream.broker.EmbeddedKafkaBroker;
import io.tagstream.kafka.TopicsConfig;
import io.tagstream.model.LayerAttention;

/**
 * The live dashboard end to end, in a real headless Chromium (Debian {@code chromium} + {@code chromium-driver},
 * driven by Selenium with the system chromedriver; no browser or driver is downloaded): an embedded KRaft broker, the
 * app with a small real encoder, a generated seeded WAV replayed in real time. The list page shows the stream,
 * the stream page draws labels while the replay runs, a click on the timeline shows that frame's attention (every
 * layer and head, each row summing to 1, equal to the encoder's attention computed offline from the WAV), and the
 * page loads nothing from anywhere but the app. Saves a screenshot to {@code target/dashboard.png}.
 */
class DashboardBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final FeatureSpec SPEC = FeatureSpec.DEFAULT;
    private static final double SECONDS = 6.0;
    private static final long SEED = 7;
    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void theDashboardShowsLiveLabelsAndTheAttentionOfAClickedFrame() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "the browser test needs Debian's chromium and chromium-driver (apt-get install chromium "
                        + "chromium-driver; .ci/run installs them)");
        Path wav = work.resolve("recording.wav");
        WavWriter.write(wav, PipelineHarness.recording(SEED, SECONDS, SPEC).samples(), SPEC.sampleRate());
        TopicsConfig topics = new TopicsConfig("ui.audio", "ui.features", "ui.labels", "ui.segments", "ui.dlq", 1, (short) 1);
        ExecutorService replays = Executors.newSingleThreadExecutor();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            PipelineHarness.createTopics(broker.bootstrapServers(), topics);
            AppConfig config = PipelineHarness.config(broker.bootstrapServers(), "dashboard-it", topics,
                    work.resolve("state"), Map.of());
            try (TagstreamApp app = new TagstreamApp(config, TestEncoders.labeller(SEED))) {
                app.start();
                assertTrue(app.awaitRunning(Duration.ofSeconds(60)), "the app reaches RUNNING");
                WebDriver browser = chromium();
                try {
                    String base = "http://" + app.restAddress();
                    browser.get(base + "/");
                    Future<?> replay = replays.submit(() -> replay(broker.bootstrapServers(), topics, wav));
                    openTheStreamFromTheList(browser, "radio-1");
                    watchItLabelLive(browser, replay);
                    int frame = clickAFrameAndCheckItsAttention(browser, wav);
                    assertEveryResourceCameFrom(browser, base);
                    Path shot = Path.of("target", "dashboard.png");
                    Files.createDirectories(shot.getParent());
                    Files.write(shot, ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));
                    System.out.println("dashboard screenshot (attention of frame " + frame + "): "
                            + shot.toAbsolutePath());
                } finally {
                    browser.quit();
                }
            }
        } finally {
            replays.shutdownNow();
            replays.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /** The list page lists the stream once its first frames are labelled; its link opens the stream's page. */
    private static void openTheStreamFromTheList(WebDriver browser, String streamId) {
        new WebDriverWait(browser, WAIT).until(b -> !b.findElements(By.cssSelector("tr[data-stream='" + streamId
                + "'] a")).isEmpty());
        browser.findElement(By.cssSelector("tr[data-stream='" + streamId + "'] a")).click();
        new WebDriverWait(browser, WAIT).until(b -> b.getCurrentUrl().contains("/ui/stream.html?id=" + streamId));
    }

    /** Labels appear while the replay still runs, keep coming, and the page ends up showing the whole stream. */
    private static void watchItLabelLive(WebDriver browser, Future<?> replay) throws Exception {
        new WebDriverWait(browser, WAIT).until(b -> bodyNumber(b, "labelsDrawn") >= 50);
        int early = bodyNumber(browser, "labelsDrawn");
        boolean replayWasRunning = !replay.isDone();
        replay.get(60, TimeUnit.SECONDS);
        long frames = StreamingFeatureExtractor.frameCount(SPEC, (long) (SECONDS * SPEC.sampleRate()));
        new WebDriverWait(browser, WAIT).until(b -> bodyNumber(b, "labelsDrawn") == frames
                && "ended".equals(b.findElement(By.id("state")).getText()));
        assertTrue(replayWasRunning, "the first labels were drawn while the replay ran");
        assertTrue(early < frames, "labels arrived live, " + early + " of " + frames + " at first");
        assertEquals(frames, bodyNumber(browser, "framesDrawn"), "the spectrogram shows every frame");
        assertTrue(!browser.findElements(By.cssSelector("#segments tr")).isEmpty(), "segments are listed");
    }

    /**
     * Clicks the label timeline three quarters of the way in (the frames are drawn right-aligned); the attention map then shows that frame, one heatmap per
     * layer with a row per head, and the weights equal the encoder's own offline attention of that frame in the
     * WAV's features (1e-4), each row summing to 1 (1e-5).
     */
    private static int clickAFrameAndCheckItsAttention(WebDriver browser, Path wav) throws Exception {
        WebElement timeline = browser.findElement(By.id("timeline"));
        int x = timeline.getRect().getWidth() / 4; // offsets are from the element's centre
        new Actions(browser).moveToElement(timeline, x, 0).click().perform();
        new WebDriverWait(browser, WAIT).until(b -> b.findElement(By.tagName("body")).getAttribute(
                "data-selected-frame") != null);
        int frame = bodyNumber(browser, "selectedFrame");
        new WebDriverWait(browser, WAIT).until(b -> String.valueOf(frame).equals(
                b.findElement(By.id("attention")).getAttribute("data-frame")));

        float[][] features = StreamingFeatureExtractor.extractAll(new TarsosFeatureExtractor(SPEC),
                Pcm16.toFloat(Pcm16.quantize(WavDecoder.decode(wav, SPEC.sampleRate()).samples())));
        List<LayerAttention> expected = TestEncoders.small(SEED).attention(features, frame);
        List<WebElement> layers = browser.findElements(By.cssSelector("#attention canvas.attention-layer"));
        assertEquals(2, layers.size(), "one heatmap per layer");
        assertEquals("2", browser.findElement(By.id("attention")).getAttribute("data-heads"));
        int panels = 0;
        for (int l = 0; l < layers.size(); l++) {
            JsonNode shown = JSON.readTree(layers.get(l).getAttribute("data-weights")); // [heads][L + R + 1]
            float[][] reference = expected.get(l).weights();
            assertEquals(reference.length, shown.size(), "heads of layer " + l);
            for (int h = 0; h < shown.size(); h++, panels++) {
                double sum = 0;
                for (int j = 0; j < reference[h].length; j++) {
                    assertEquals(reference[h][j], shown.get(h).get(j).asDouble(), 1e-4,
                            "frame " + frame + " layer " + l + " head " + h + " column " + j);
                    sum += shown.get(h).get(j).asDouble();
                }
                assertEquals(1.0, sum, 1e-5, "layer " + l + " head " + h + ": the weights of a row sum to 1");
            }
        }
        assertEquals(4, panels, "2 layers x 2 heads");
        return frame;
    }

    /** Every resource the page loaded came from the app itself. */
    private static void assertEveryResourceCameFrom(WebDriver browser, String base) {
        @SuppressWarnings("unchecked")
        List<String> loaded = (List<String>) ((JavascriptExecutor) browser).executeScript(
                "return performance.getEntriesByType('resource').map(e => e.name)"
                        + ".concat(performance.getEntriesByType('navigation').map(e => e.name));");
        assertTrue(!loaded.isEmpty());
        for (String url : loaded) {
            assertTrue(url.startsWith(base + "/"), "loaded from elsewhere: " + url);
        }
    }

    private static int bodyNumber(WebDriver browser, String dataKey) {
        String attribute = "data-" + dataKey.replaceAll("([A-Z])", "-$1").toLowerCase();
        String value = browser.findElement(By.tagName("body")).getAttribute(attribute);
        return value == null ? -1 : Integer.parseInt(value);
    }

    private static Object replay(String bootstrap, TopicsConfig topics, Path wav) throws Exception {
        IngestConfig ingest = new IngestConfig("radio-1", SendMode.AUDIO, IngestConfig.DEFAULT_CHUNK_MILLIS, SPEC);
        return new WavFileReplayer(ingest, ReplaySpeed.parse("1"), PipelineHarness.T0)
                .replayInto(wav, bootstrap, topics, seconds -> ProgressBar.silent());
    }

    /**
     * Headless Chromium through the system chromedriver, given by path so Selenium Manager never runs (nothing is
     * downloaded); host names other than 127.0.0.1 do not resolve, so the page cannot reach the internet.
     */
    private static WebDriver chromium() {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(new File("target", "chromedriver.log"))
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,1150", "--no-first-run", "--disable-extensions",
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1");
        return new ChromeDriver(service, options);
    }
}
