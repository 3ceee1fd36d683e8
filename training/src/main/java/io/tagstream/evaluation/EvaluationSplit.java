package io.tagstream.evaluation;

import io.tagstream.corpus.Split;
import java.util.List;

/** Which part of a corpus to evaluate: its dev split (the default: sources unseen in training), train, or both. */
public enum EvaluationSplit {
    DEV(List.of(Split.DEV), "dev split"),
    TRAIN(List.of(Split.TRAIN), "train split"),
    ALL(List.of(Split.TRAIN, Split.DEV), "train and dev splits");

    private final List<Split> splits;
    private final String description;

    EvaluationSplit(List<Split> splits, String description) {
        this.splits = splits;
        this.description = description;
    }

    /** "dev split", "train split" or "train and dev splits". */
    public String description() {
        return description;
    }

    /** The corpus splits it covers, in order. */
    public List<Split> splits() {
        return splits;
    }
}
