package io.tagstream.training;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Gradient check by central finite differences in double precision: for sampled entries {@code w} of each variable,
 * {@code (loss(w + h) - loss(w - h)) / 2h} must match SameDiff's backpropagated gradient to a relative error of
 * {@link #RELATIVE_TOLERANCE} ({@code |a - n| / max(|a| + |n|, 1e-4)}, so an absolute 1e-10 for tiny gradients).
 * The check is independent of ND4J's gradient code: it only evaluates the loss.
 */
final class FiniteDifferences {

    static final double STEP = 1e-5;
    static final double RELATIVE_TOLERANCE = 1e-6;

    private FiniteDifferences() {
    }

    /**
     * Checks {@code samples} random entries (or all, if fewer) of each variable in {@code names}.
     *
     * @return the number of entries checked
     */
    static int check(SameDiff sd, String loss, Map<String, INDArray> placeholders, List<String> names,
                     int samples, Random random) {
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream())); // ND4J prints each differentiated op
        try {
            sd.createGradFunction();
        } finally {
            System.setOut(out);
        }
        Map<String, INDArray> gradients = sd.calculateGradients(placeholders, names);
        int checked = 0;
        for (String name : names) {
            INDArray values = sd.getArrForVarName(name);
            INDArray gradient = gradients.get(name);
            long size = values.length();
            for (int s = 0; s < Math.min(samples, size); s++) {
                long index = size <= samples ? s : (long) (random.nextDouble() * size);
                double original = values.getDouble(index);
                values.putScalar(index, original + STEP);
                double up = sd.outputSingle(placeholders, loss).getDouble(0);
                values.putScalar(index, original - STEP);
                double down = sd.outputSingle(placeholders, loss).getDouble(0);
                values.putScalar(index, original);
                double numeric = (up - down) / (2 * STEP);
                double analytic = gradient.getDouble(index);
                double error = Math.abs(analytic - numeric) / Math.max(Math.abs(analytic) + Math.abs(numeric), 1e-4);
                assertTrue(error <= RELATIVE_TOLERANCE, name + "[" + index + "]: backprop " + analytic
                        + " vs finite difference " + numeric + " (relative error " + error + ")");
                checked++;
            }
        }
        return checked;
    }
}
