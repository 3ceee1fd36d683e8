package io.tagstream.broker.bench;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Locale;

import io.tagstream.broker.EmbeddedKafkaBroker;

/**
 * How long {@link EmbeddedKafkaBroker#start()} takes (storage format, startup, first admin answer): the first start
 * in a fresh JVM (class loading included), then the median of the warm starts that follow. Run under the build lock:
 * {@code java -cp <ingest test classpath> io.tagstream.broker.bench.BrokerStartBench [starts]}.
 */
public final class BrokerStartBench {

    private BrokerStartBench() {
    }

    /** Starts and stops the broker {@code starts} times, prints one line, returns the figures by name. */
    public static Map<String, Double> run(int starts, PrintStream out) {
        if (starts < 2 || starts > 50) {
            throw new IllegalArgumentException("starts must be 2..50, got " + starts);
        }
        long[] millis = new long[starts];
        for (int i = 0; i < starts; i++) {
            try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
                millis[i] = broker.startupTime().toMillis();
            }
        }
        long[] warm = Arrays.copyOfRange(millis, 1, starts);
        Arrays.sort(warm);
        out.printf(Locale.ROOT, "embedded broker start: first (cold JVM) %d ms, warm median %d ms over %d starts,"
                + " all %s%n", millis[0], warm[warm.length / 2], warm.length, Arrays.toString(millis));
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("broker_start_first_ms", (double) millis[0]);
        figures.put("broker_start_warm_median_ms", (double) warm[warm.length / 2]);
        return figures;
    }
}
