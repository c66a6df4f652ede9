package io.akscompute.common.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Tables as the Azure CLI prints them with {@code -o table}: tabulate's "simple" format. A column is as wide as its
 * widest cell but at least its header plus two, columns are separated by two spaces, the header is underlined with
 * dashes of the column width; trailing blanks are trimmed. Text aligns left; a column of JSON numbers aligns right
 * (the CLI turns off tabulate's parsing of numbers in text, so "1.30" stays text).
 */
public final class AzTable {
    private AzTable() {
    }

    public static String render(List<String> headers, List<List<String>> rows) {
        return render(headers, rows, Set.of());
    }

    /** The same, with the columns at these indexes aligned right. */
    public static String render(List<String> headers, List<List<String>> rows, Set<Integer> numericColumns) {
        int[] widths = new int[headers.size()];
        boolean[] numeric = new boolean[headers.size()];
        for (int c = 0; c < headers.size(); c++) {
            widths[c] = headers.get(c).length() + 2;
            numeric[c] = numericColumns.contains(c);
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, headers, widths, numeric);
        List<String> dashes = new ArrayList<>();
        for (int width : widths) {
            dashes.add("-".repeat(width));
        }
        line(out, dashes, widths, numeric);
        for (List<String> row : rows) {
            line(out, row, widths, numeric);
        }
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells, int[] widths, boolean[] rightAligned) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            if (c > 0) {
                line.append("  ");
            }
            String pad = " ".repeat(widths[c] - cells.get(c).length());
            line.append(rightAligned[c] ? pad + cells.get(c) : cells.get(c) + pad);
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }
}
