package io.tagstream.training;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The training loss as SameDiff ops: cross-entropy against per-frame target weights,
 * {@code loss = -sum_{n,c} targets[n, c] * log softmax(logits)[n, c]}. With {@code targets} = one-hot label times
 * the label's class weight, divided by the batch's total weight (see {@link Batch}), this is the class-weighted mean
 * cross-entropy of the batch; unlabelled frames have all-zero targets and do not count. The log-softmax is written
 * out (max-shifted log-sum-exp) rather than taken from ND4J, whose log-softmax op fails to build in 1.0.0-M2.1.
 */
final class GraphLoss {

    private GraphLoss() {
    }

    /** Scalar loss named {@code name} of {@code logits [N, C]} against {@code targets [N, C]}. */
    static SDVariable weightedCrossEntropy(SameDiff sd, String name, SDVariable logits, SDVariable targets) {
        SDVariable shifted = logits.sub(logits.max(true, 1));                                   // [N, C]
        SDVariable logProbabilities = shifted.sub(sd.math().log(sd.math().exp(shifted).sum(true, 1))); // [N, C]
        return sd.math().neg(name, logProbabilities.mul(targets).sum());
    }
}
