package dev.ndesdiag.history;

import dev.ndesdiag.evidence.ReadSummary;
import java.util.ArrayList;
import java.util.List;

/**
 * What reading a set of log files saw, for a finding's evidence: the files, lines and entries read,
 * the files that ended in the middle of a line, and what was skipped.
 */
public final class LogScan {

    private final List<String> files = new ArrayList<>();
    private final List<String> endedMidLine = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();
    private final List<String> unreadable = new ArrayList<>();
    private long lines;
    private long entries;
    private long matching;
    private long noise;

    /** Records one file's read. */
    void add(String path, ReadSummary s) {
        files.add(path);
        lines += s.lines();
        entries += s.entries();
        if (s.endedMidLine()) {
            endedMidLine.add(path);
        }
        if (s.skippedTotal() > 0) {
            skipped.add(path + ": " + s.describeSkipped());
        }
    }

    /** Records a file that could not be read. */
    void unreadable(String path, String why) {
        unreadable.add(path + ": " + why);
    }

    /** Counts an entry about SCEP. */
    void countMatching() {
        matching++;
    }

    /** Counts an entry about something else (other sites, other queues). */
    void countNoise() {
        noise++;
    }

    /**
     * Returns the files read, in the order read.
     *
     * @return the bundle paths; never null
     */
    public List<String> files() {
        return List.copyOf(files);
    }

    /**
     * Returns the files whose last line has no line break (truncated, or still being written).
     *
     * @return the bundle paths; never null
     */
    public List<String> endedMidLine() {
        return List.copyOf(endedMidLine);
    }

    /**
     * Returns, per file, what was skipped.
     *
     * @return descriptions; never null
     */
    public List<String> skipped() {
        return List.copyOf(skipped);
    }

    /**
     * Returns the files that could not be read, with why.
     *
     * @return descriptions; never null
     */
    public List<String> unreadable() {
        return List.copyOf(unreadable);
    }

    /**
     * Returns the lines read.
     *
     * @return the count
     */
    public long lines() {
        return lines;
    }

    /**
     * Returns the entries read.
     *
     * @return the count
     */
    public long entries() {
        return entries;
    }

    /**
     * Returns the entries about SCEP.
     *
     * @return the count
     */
    public long matching() {
        return matching;
    }

    /**
     * Returns the entries about something else, which were ignored.
     *
     * @return the count
     */
    public long noise() {
        return noise;
    }
}
