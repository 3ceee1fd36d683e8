package io.tagstream.features;

/** What a feature vector holds: log mel-band energies, or their DCT (mel-frequency cepstral coefficients). */
public enum FeatureKind {
    LOG_MEL,
    MFCC
}
