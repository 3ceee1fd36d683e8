package io.tagstream.training;

import java.nio.file.Path;

/**
 * Where a training run writes.
 *
 * @param model      the model file: the best weights so far (rewritten on every improvement)
 * @param checkpoint the checkpoint (rewritten after every epoch), for {@code --resume}
 * @param log        the JSON training log (rewritten after every epoch)
 * @param curve      the training-curve PNG (rewritten after every epoch)
 */
public record TrainingFiles(Path model, Path checkpoint, Path log, Path curve) {

    /**
     * Files beside {@code model}: for {@code out/m.zip}, {@code out/m.checkpoint.zip}, {@code out/m.training.json}
     * and {@code out/m.training.png}.
     */
    public static TrainingFiles beside(Path model) {
        String name = String.valueOf(model.getFileName());
        String base = name.endsWith(".zip") ? name.substring(0, name.length() - 4) : name;
        return new TrainingFiles(model, model.resolveSibling(base + ".checkpoint.zip"),
                model.resolveSibling(base + ".training.json"), model.resolveSibling(base + ".training.png"));
    }
}
