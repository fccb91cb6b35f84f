package dev.lanyard.auth.examples;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A plain-text table for the {@code list} commands: one header row, columns padded to their widest cell. */
final class Table {

    private final List<String[]> rows = new ArrayList<>();
    private final int columns;

    Table(String... header) {
        this.columns = header.length;
        rows.add(header);
    }

    Table row(String... cells) {
        if (cells.length != columns) {
            throw new IllegalArgumentException("a row needs " + columns + " cells, got " + cells.length);
        }
        rows.add(cells);
        return this;
    }

    /** How many entries {@link #rowsOf} reads from a store at a time. */
    static final int PAGE = 500;

    /** A row per entry of a store read page by page ({@code list(offset, limit)}) until a short page. */
    <T> Table rowsOf(BiFunction<Integer, Integer, List<T>> list, Function<T, String[]> cells) {
        for (int offset = 0; ; offset += PAGE) {
            List<T> page = list.apply(offset, PAGE);
            page.forEach(entry -> row(cells.apply(entry)));
            if (page.size() < PAGE) {
                return this;
            }
        }
    }

    /** A set's values sorted and joined with commas, for a stable cell. */
    static String joined(Collection<String> values) {
        return values.stream().sorted().collect(Collectors.joining(","));
    }

    /** Whether only the header is there. */
    boolean isEmpty() {
        return rows.size() == 1;
    }

    void print(PrintWriter out) {
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(i == columns - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
            }
            out.println(line.toString().stripTrailing());
        }
        out.flush();
    }
}
