package io.tagstream.plots;

import io.tagstream.labels.LabelledRecording;
import io.tagstream.labels.Segment;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;

/** The label track: one band per segment in its label's {@link ClassPalette} colour (at least a pixel wide). */
public final class LabelTrackPanel {

    private LabelTrackPanel() {
    }

    /** Draws the segments of {@code labels} in {@code area}. */
    public static void draw(Graphics2D g, Rectangle area, TimeAxis axis, LabelledRecording labels,
                            ClassPalette palette) {
        double hopSeconds = labels.hopMillis() / 1000.0;
        for (Segment segment : labels.segments()) {
            int from = axis.x(segment.startFrame() * hopSeconds);
            int to = Math.max(from + 1, axis.x(segment.endFrame() * hopSeconds));
            g.setColor(palette.color(segment.label()));
            g.fillRect(from, area.y, Math.min(to, area.x + area.width) - from, area.height);
        }
        g.setColor(Color.BLACK);
        g.drawRect(area.x, area.y, area.width, area.height);
        g.drawString("labels (segments)", area.x, area.y - 4);
    }
}
