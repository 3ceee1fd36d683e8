package io.tagstream.training;

import org.nd4j.autodiff.samediff.SDVariable;

/** An affine projection of row vectors as SameDiff ops: {@code y[N, out] = x[N, in] · W[in, out] + b[out]}. */
final class GraphLinear {

    private GraphLinear() {
    }

    static SDVariable apply(SDVariable x, SDVariable weight, SDVariable bias) {
        return x.mmul(weight).add(bias);
    }
}
