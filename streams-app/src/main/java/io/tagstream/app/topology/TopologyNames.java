package io.tagstream.app.topology;

/** Names of the topology's nodes and state stores: constants, so tests and the REST layer use the same ones. */
public final class TopologyNames {

    static final String AUDIO_SOURCE = "audio-source";
    static final String FEATURES_SOURCE = "features-source";
    static final String FEATURE_EXTRACTION = "feature-extraction";
    static final String FEATURES_SINK = "features-sink";
    static final String LABELLING = "labelling";
    static final String LABELS_SINK = "labels-sink";
    static final String SEGMENTS_SINK = "segments-sink";

    /** Header on the feature chunks the app writes itself: the label processor has already seen them. */
    static final String ORIGIN_HEADER = "tagstream.origin";
    static final byte[] ORIGIN_APP = "feature-extraction".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    /** Per audio stream: next sample, next frame, carried samples. */
    static final String AUDIO_STATE_STORE = "tagstream-audio-state";
    /** Per stream: the last contextFrames feature frames (window store, the durable model context). */
    static final String CONTEXT_STORE = "tagstream-context";
    /** Per stream: next frame, frames fed, segmenter state. */
    static final String LABEL_STATE_STORE = "tagstream-label-state";
    /** Per stream: latest label and recent segments (queried by the REST API). */
    public static final String LATEST_STORE = "tagstream-latest";

    private TopologyNames() {
    }
}
