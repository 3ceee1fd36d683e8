package io.tagstream.corpus;

import java.util.List;

/**
 * A sound made by one of the makers before it is placed: samples at {@link Sox#RATE} Hz and the manifest ids of
 * its sources.
 */
record RenderedSound(float[] samples, List<String> sources) {

    RenderedSound {
        sources = List.copyOf(sources);
    }
}
