package dev.lanyard.auth.examples;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.function.BiFunction;

/** {@code --offset N --limit N} of the list commands, for stores too large to print whole. */
final class ListRange {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    private Integer limit;
    private int offset;

    @Option(names = "--limit", paramLabel = "N", description = "Show at most N entries (default: all).")
    void limit(int limit) {
        if (limit < 1) {
            throw new ParameterException(spec.commandLine(), "--limit must be at least 1, got " + limit);
        }
        this.limit = limit;
    }

    @Option(names = "--offset", paramLabel = "N", description = "Skip the first N entries (default: 0).")
    void offset(int offset) {
        if (offset < 0) {
            throw new ParameterException(spec.commandLine(), "--offset must not be negative, got " + offset);
        }
        this.offset = offset;
    }

    /**
     * The entries in range, read page by page; when {@code --limit} cut the list short, one entry more
     * is read to tell whether there are more.
     */
    <T> Range<T> read(BiFunction<Integer, Integer, List<T>> list) {
        int wanted = limit == null ? Integer.MAX_VALUE : limit;
        List<T> entries = new java.util.ArrayList<>();
        for (int at = offset; entries.size() < wanted; ) {
            int page = (int) Math.min(Table.PAGE, (long) wanted - entries.size() + 1);
            List<T> got = list.apply(at, page);
            entries.addAll(got);
            at += got.size();
            if (got.size() < page) {
                break;
            }
        }
        boolean more = entries.size() > wanted;
        return new Range<>(more ? entries.subList(0, wanted) : entries, more, offset);
    }

    /** What {@link #read} found. */
    record Range<T>(List<T> entries, boolean more, int offset) {
        /** What to say when nothing is shown: {@code noneYet}, unless {@code --offset} skipped past the end. */
        String nothingShown(String noneYet) {
            return offset == 0 ? noneYet : "Nothing from --offset " + offset + " on.";
        }

        /** "Showing 1 to 100; more with --offset 100." when the limit left entries out. */
        void printMore(PrintWriter out) {
            if (more) {
                out.println("Showing " + (offset + 1) + " to " + (offset + entries.size()) + "; more with --offset "
                        + (offset + entries.size()) + ".");
                out.flush();
            }
        }
    }
}
