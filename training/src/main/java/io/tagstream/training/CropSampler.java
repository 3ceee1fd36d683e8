package io.tagstream.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.nd4j.linalg.factory.Nd4j;

import io.tagstream.reference.FrameTargets;

/**
 * Random crops of the training clips, batch by batch. Step {@code s} of a run with seed {@code S} always gets the
 * same batch (its random source is seeded from {@code (S, s)} by SplitMix64), so a resumed run sees exactly the
 * batches an uninterrupted run would. Every crop start of every clip long enough is equally likely (a clip is picked
 * with probability proportional to its number of crop positions); shorter clips are never cropped.
 */
final class CropSampler {

    private static final long GOLDEN_GAMMA = 0x9E37_79B9_7F4A_7C15L;

    private final List<LabelledClip> clips;     // clips with at least cropFrames frames
    private final long[] cumulativeStarts;      // [clips] crop positions of clips 0..i inclusive
    private final int cropFrames;
    private final int batchSize;
    private final ClassWeights classWeights;
    private final int labelCount;
    private final FeatureAugmentation augmentation;

    CropSampler(List<LabelledClip> training, int cropFrames, int batchSize, ClassWeights classWeights,
                int labelCount, FeatureAugmentation augmentation) {
        this.augmentation = augmentation;
        this.cropFrames = cropFrames;
        this.batchSize = batchSize;
        this.classWeights = classWeights;
        this.labelCount = labelCount;
        List<LabelledClip> usable = new ArrayList<>();
        for (LabelledClip clip : training) {
            if (clip.length() >= cropFrames) {
                usable.add(clip);
            }
        }
        if (usable.isEmpty()) {
            throw new TrainingDataException("no training clip has the " + cropFrames + " frames of a crop; use"
                    + " shorter crops (training.cropFrames)");
        }
        this.clips = List.copyOf(usable);
        this.cumulativeStarts = new long[clips.size()];
        long total = 0;
        for (int i = 0; i < clips.size(); i++) {
            total += clips.get(i).length() - cropFrames + 1;
            cumulativeStarts[i] = total;
        }
    }

    /** Number of clips long enough to crop. */
    int usableClips() {
        return clips.size();
    }

    /** The batch of step {@code step} of a run seeded {@code seed}. */
    Batch batch(long seed, long step) {
        Random random = new Random(new SplittableRandom(seed + GOLDEN_GAMMA * (step + 1)).nextLong());
        int dims = clips.get(0).dims();
        float[] features = new float[batchSize * cropFrames * dims];   // [B, T, I]
        float[] targets = new float[batchSize * cropFrames * labelCount]; // [B*T, C]
        int[] labels = new int[batchSize * cropFrames];                // [B*T]
        double totalWeight = 0;
        for (int b = 0; b < batchSize; b++) {
            long position = (long) (random.nextDouble() * cumulativeStarts[cumulativeStarts.length - 1]);
            int clipIndex = clipOf(position);
            LabelledClip clip = clips.get(clipIndex);
            int start = (int) (position - (clipIndex == 0 ? 0 : cumulativeStarts[clipIndex - 1]));
            clip.copyFrames(start, cropFrames, features, b * cropFrames * dims);
            for (int t = 0; t < cropFrames; t++) {
                int row = b * cropFrames + t;
                int label = clip.targets()[start + t];
                labels[row] = label;
                if (label != FrameTargets.UNLABELLED) {
                    targets[row * labelCount + label] = (float) classWeights.of(label);
                    totalWeight += classWeights.of(label);
                }
            }
            if (augmentation.enabled()) {
                augmentation.apply(features, b * cropFrames * dims, cropFrames, dims, random);
            }
        }
        if (totalWeight > 0) {
            for (int i = 0; i < targets.length; i++) {
                targets[i] = (float) (targets[i] / totalWeight);
            }
        }
        return new Batch(Nd4j.create(features, new long[] {batchSize, cropFrames, dims}, 'c'),
                Nd4j.create(targets, new long[] {(long) batchSize * cropFrames, labelCount}, 'c'), labels);
    }

    /** Index of the clip holding crop position {@code position} (binary search over the cumulative counts). */
    private int clipOf(long position) {
        int low = 0;
        int high = cumulativeStarts.length - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (cumulativeStarts[mid] > position) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }
}
