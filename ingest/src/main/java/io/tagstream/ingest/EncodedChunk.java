package io.tagstream.ingest;

/**
 * One record value ready for Kafka, with what it carries.
 *
 * @param eventTimeMs the record timestamp: event time of the chunk's first sample or frame, epoch ms
 * @param value       the encoded {@code PcmChunk} or {@code FeatureChunk}
 * @param samples     PCM samples in it (audio mode), else 0
 * @param frames      feature frames in it (features mode), else 0
 * @param endOfStream whether this is the stream's end-of-stream marker
 */
public record EncodedChunk(long eventTimeMs, byte[] value, int samples, int frames, boolean endOfStream) {
}
