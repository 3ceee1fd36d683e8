package io.tagstream.corpus;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * {@code manifest.json} of a corpus: how it was made (seed, minutes, tools, rules), the sonic-pi family decisions,
 * and per split its clips, class totals and sources. Written with snake_case keys; maps are sorted, so equal
 * corpora have byte-identical manifests.
 *
 * @param generator       "tagstream synth"
 * @param formatVersion   version of this layout (1)
 * @param seed            master seed
 * @param minutes         minutes asked for
 * @param sampleRate      Hz of every WAV
 * @param frameSeconds    label resolution (the feature hop)
 * @param labels          label set, in model order
 * @param labelRule       how labels follow from the sources
 * @param bandLimit       how every clip is band-limited
 * @param levels          levels, SNRs and floors
 * @param splitRule       how dev differs from train
 * @param tools           tool version lines
 * @param sourceGroups    source groups used
 * @param sonicPiFamilies music/noise decision per sonic-pi family
 * @param splits          "train" and "dev"
 */
public record CorpusManifest(
        String generator,
        int formatVersion,
        long seed,
        double minutes,
        int sampleRate,
        double frameSeconds,
        List<String> labels,
        String labelRule,
        String bandLimit,
        String levels,
        String splitRule,
        Map<String, String> tools,
        List<String> sourceGroups,
        List<FamilyDecision> sonicPiFamilies,
        Map<String, SplitSummary> splits) {

    public static final String FILE_NAME = "manifest.json";

    /**
     * The decision for one sonic-pi family.
     *
     * @param family the family (file-name prefix)
     * @param label  "music" or "noise"
     * @param split  the split its samples belong to
     * @param reason why it is that class
     */
    public record FamilyDecision(String family, @JsonProperty("class") String label, String split, String reason) {
    }

    /**
     * One split.
     *
     * @param seconds      total audio
     * @param classSeconds labelled seconds per class (sums of the label files)
     * @param sourcesUsed  source ids used, by the class of the layer they were in
     * @param sourcePool   source ids the split may draw from, by class
     * @param clips        its clips, in order
     */
    public record SplitSummary(
            double seconds,
            Map<String, Double> classSeconds,
            Map<String, List<String>> sourcesUsed,
            Map<String, List<String>> sourcePool,
            List<ClipSummary> clips) {
    }

    /**
     * One clip.
     *
     * @param wav          WAV file, relative to the corpus directory
     * @param labels       Audacity label file, relative to the corpus directory
     * @param seed         the clip's seed
     * @param seconds      its length
     * @param highpassHz   high-pass edge of its band (0 = none)
     * @param lowpassHz    low-pass edge of its band
     * @param classSeconds labelled seconds per class
     * @param sources      source ids used, by class
     */
    public record ClipSummary(
            String wav,
            String labels,
            long seed,
            double seconds,
            int highpassHz,
            int lowpassHz,
            Map<String, Double> classSeconds,
            Map<String, List<String>> sources) {
    }

    /** Writes the manifest as indented JSON. */
    public void write(Path file) throws IOException {
        MAPPER.writeValue(file.toFile(), this);
    }

    /** Reads a manifest written by {@link #write}. */
    public static CorpusManifest read(Path file) throws IOException {
        return MAPPER.readValue(file.toFile(), CorpusManifest.class);
    }

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
}
