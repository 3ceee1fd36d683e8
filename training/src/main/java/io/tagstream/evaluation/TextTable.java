package io.tagstream.evaluation;

import java.util.ArrayList;
import java.util.List;

/**
 * A table of text cells, printed either aligned in columns (for a terminal) or as a Markdown table. The first column
 * is left-aligned, the others right-aligned (they hold numbers).
 *
 * @param header column titles
 * @param rows   cells, each row as long as the header
 */
public record TextTable(List<String> header, List<List<String>> rows) {

    public TextTable {
        header = List.copyOf(header);
        rows = rows.stream().map(List::copyOf).toList();
        for (List<String> row : rows) {
            if (row.size() != header.size()) {
                throw new IllegalArgumentException("row " + row + " needs " + header.size() + " cells");
            }
        }
    }

    /** Columns separated by two spaces, padded to their widest cell; one line per row, header first. */
    public String aligned() {
        int[] widths = new int[header.size()];
        for (List<String> row : all()) {
            for (int c = 0; c < row.size(); c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        StringBuilder s = new StringBuilder();
        for (List<String> row : all()) {
            for (int c = 0; c < row.size(); c++) {
                String format = c == 0 ? "%-" + widths[c] + "s" : "  %" + widths[c] + "s";
                s.append(String.format(format, row.get(c)));
            }
            s.append('\n');
        }
        return s.toString();
    }

    /** A GitHub-flavoured Markdown table. */
    public String markdown() {
        StringBuilder s = new StringBuilder();
        line(s, header);
        List<String> rule = new ArrayList<>();
        for (int c = 0; c < header.size(); c++) {
            rule.add(c == 0 ? "---" : "---:");
        }
        line(s, rule);
        rows.forEach(row -> line(s, row));
        return s.toString();
    }

    private List<List<String>> all() {
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        return all;
    }

    private static void line(StringBuilder s, List<String> cells) {
        s.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }
}
