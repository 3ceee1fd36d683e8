package io.tagstream.training;

import java.util.Locale;

/**
 * One line of text showing a {@link StepReport}:
 * {@code epoch 3/30 [#########...........] 45/120 loss 0.532 acc 81.2% 1.21 s/step ETA 1:31}. The ETA is the
 * epoch's, capped by the time budget when that ends first. Pure formatting; the CLI redraws it with a carriage
 * return on a terminal.
 */
public final class ProgressBar {

    private ProgressBar() {
    }

    /** The line for {@code report} with a bar of {@code width} cells. */
    public static String format(StepReport report, int width) {
        int filled = report.stepsPerEpoch() == 0 ? width
                : (int) Math.min(width, (long) report.step() * width / report.stepsPerEpoch());
        String bar = "#".repeat(filled) + ".".repeat(width - filled);
        double eta = Math.min(report.secondsLeftInEpoch(), report.secondsLeftInBudget());
        return String.format(Locale.ROOT, "epoch %d/%d [%s] %d/%d loss %.3f acc %.1f%% %.2f s/step ETA %s",
                report.epoch(), report.maxEpochs(), bar, report.step(), report.stepsPerEpoch(), report.loss(),
                100 * report.accuracy(), report.secondsPerStep(), clock(eta));
    }

    /** "1:31", "1:02:03" or "--" for an unknown or endless time. */
    static String clock(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) {
            return "--";
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
