package io.tagstream.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Advances many streams at once, layer by layer: all streams' new rows go through each weight matrix as one GEMM,
 * attention runs per stream against its own {@link LayerCache} (and the front end's convolutions per stream over its
 * own {@link ConvCache}s). One stream is simply a batch of one. Large chunks are cut into steps of at most
 * {@code max(1, blockRows / streams)} frames per stream, so working memory stays bounded whatever the chunk size.
 */
final class StreamingPass {

    private final Encoder encoder;
    private final EncoderConfig config;

    StreamingPass(Encoder encoder) {
        this.encoder = encoder;
        this.config = encoder.config();
    }

    /** Feeds {@code chunks.get(i)} to {@code streams.get(i)}; with {@code flush}, then ends every stream. */
    List<EmittedFrames> advance(List<StreamState> streams, List<float[][]> chunks, boolean flush, Workspace ws) {
        int count = streams.size();
        if (count == 0) {
            return List.of();
        }
        List<List<float[]>> emitted = new ArrayList<>(count);
        long[] firstEmitted = new long[count];
        for (int i = 0; i < count; i++) {
            emitted.add(new ArrayList<>());
            firstEmitted[i] = streams.get(i).framesEmitted();
        }
        int slice = Math.max(1, encoder.options().blockRows() / count);
        int[] consumed = new int[count];
        int[] take = new int[count];
        while (true) {
            int total = 0;
            for (int i = 0; i < count; i++) {
                take[i] = Math.min(slice, chunks.get(i).length - consumed[i]);
                total += take[i];
            }
            if (total == 0) {
                break;
            }
            step(streams, chunks, consumed, take, false, emitted, ws);
            for (int i = 0; i < count; i++) {
                consumed[i] += take[i];
            }
        }
        if (flush) {
            step(streams, chunks, consumed, new int[count], true, emitted, ws);
        }
        List<EmittedFrames> result = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            result.add(new EmittedFrames(firstEmitted[i], emitted.get(i).toArray(new float[0][])));
        }
        return result;
    }

    /** One step: {@code take[i]} frames of stream {@code i} from {@code consumed[i]} through every layer. */
    private void step(List<StreamState> streams, List<float[][]> chunks, int[] consumed, int[] take, boolean flush,
                      List<List<float[]>> emitted, Workspace ws) {
        int[] counts = take.clone();           // rows per stream entering the current layer
        int rows = gatherFrames(chunks, consumed, take, ws);
        float[] in = ws.normalisedFrames(rows); // [rows, I]
        encoder.input().normalise(ws.frames(rows), rows, in);
        for (int k = 0; k < encoder.frontEnd().layers().size(); k++) {
            in = convStep(k, streams, counts, in, flush, ws); // [rows, width] per stream counts[i]
            rows = Arrays.stream(counts).sum();
        }
        float[] x = ws.layerInput(rows);       // [rows, d]
        if (rows > 0) {
            encoder.input().project(encoder.gemm(), in, rows, x, 0);
        }
        for (int l = 0; l < config.layers(); l++) {
            rows = layerStep(l, streams, counts, rows, x, flush, ws);
            ws.swapLayerBuffers();
            x = ws.layerInput(rows);           // the layer's output rows, per stream counts[i]
        }
        float[] probabilities = ws.probabilities(rows); // [rows, C]
        if (rows > 0) {
            encoder.classifier().probabilities(encoder.gemm(), x, rows, ws.normed(rows), probabilities);
        }
        scatterProbabilities(probabilities, counts, emitted);
    }

    /** Copies this step's frames of every stream, in stream order, into the workspace; returns their count. */
    private int gatherFrames(List<float[][]> chunks, int[] consumed, int[] take, Workspace ws) {
        int total = 0;
        for (int n : take) {
            total += n;
        }
        float[] frames = ws.frames(total);     // [total, I]
        int dims = config.inputDims();
        int row = 0;
        for (int i = 0; i < take.length; i++) {
            for (int f = 0; f < take[i]; f++) {
                System.arraycopy(chunks.get(i)[consumed[i] + f], 0, frames, (row++) * dims, dims);
            }
        }
        return total;
    }

    /**
     * Front-end conv layer {@code k}: new rows {@code in[rows, width]} (stream {@code i} owns {@code counts[i]} of
     * them, in order) join the streams' conv caches; returns the frames that became ready, in the workspace's rows
     * of layer {@code k}, and updates {@code counts} to the output rows per stream.
     */
    private float[] convStep(int k, List<StreamState> streams, int[] counts, float[] in, boolean flush,
                             Workspace ws) {
        ConvLayer layer = encoder.frontEnd().layers().get(k);
        int row = 0;
        int ready = 0;
        for (int i = 0; i < counts.length; i++) {
            ConvCache cache = streams.get(i).conv(k);
            cache.append(in, row * layer.inputWidth(), counts[i]);
            row += counts[i];
            counts[i] = cache.readyCount(flush);
            ready += counts[i];
        }
        float[] out = ws.frontEndRows(k, ready * layer.outputWidth());  // [ready, output width]
        row = 0;
        for (int i = 0; i < counts.length; i++) {
            streams.get(i).conv(k).output(layer, counts[i], out, row * layer.outputWidth(), ws);
            row += counts[i];
        }
        return out;
    }

    /**
     * Layer {@code l}: new rows {@code x[rows, d]} (stream {@code i} owns {@code counts[i]} of them, in order) join
     * the caches; the frames that became ready are output into the workspace's layer output. Updates
     * {@code counts} to the output rows per stream and returns their total.
     */
    private int layerStep(int l, List<StreamState> streams, int[] counts, int rows, float[] x, boolean flush,
                          Workspace ws) {
        EncoderBlock block = encoder.blocks().get(l);
        int d = config.modelDims();
        float[] qkv = rows > 0 ? block.project(encoder.gemm(), RowBlock.of(x, 0, rows, d), ws).data() : null; // [rows, 3d]
        int row = 0;
        int ready = 0;
        for (int i = 0; i < counts.length; i++) {
            LayerCache cache = streams.get(i).layer(l);
            cache.append(x, row * d, qkv, row * 3 * d, counts[i]);
            row += counts[i];
            counts[i] = cache.readyCount(flush);
            ready += counts[i];
        }
        float[] context = ws.context(ready);    // [ready, d]
        float[] residual = ws.residual(ready);  // [ready, d]
        row = 0;
        for (int i = 0; i < counts.length; i++) {
            streams.get(i).layer(l).output(block.attention(), RowBlock.of(context, row * d, counts[i], d),
                    RowBlock.of(residual, row * d, counts[i], d), ws);
            row += counts[i];
        }
        float[] y = ws.layerOutput(ready);      // [ready, d]
        if (ready > 0) {
            block.finish(encoder.gemm(), RowBlock.of(residual, 0, ready, d), RowBlock.of(context, 0, ready, d),
                    RowBlock.of(y, 0, ready, d), ws);
        }
        return ready;
    }

    private void scatterProbabilities(float[] probabilities, int[] counts, List<List<float[]>> emitted) {
        int labels = config.labelCount();
        int row = 0;
        for (int i = 0; i < counts.length; i++) {
            for (int f = 0; f < counts[i]; f++) {
                float[] frame = new float[labels];
                System.arraycopy(probabilities, (row++) * labels, frame, 0, labels);
                emitted.get(i).add(frame);
            }
        }
    }
}
