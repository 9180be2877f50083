package dev.ndesdiag.bundle;

import dev.ndesdiag.api.InputProblem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** The index every bundle source builds when opened: files with sizes, folders, refused entries. */
abstract class IndexedBundleSource implements BundleSource {

    /** File paths inside the bundle and their sizes. */
    protected final SortedMap<String, Long> files = new TreeMap<>();
    /** Folder paths, each ending in {@code /}. */
    protected final List<String> folders = new ArrayList<>();
    /** Entries refused as hostile or unreadable. */
    protected final List<InputProblem> refused = new ArrayList<>();

    @Override
    public SortedMap<String, Long> files() {
        return Collections.unmodifiableSortedMap(files);
    }

    @Override
    public List<String> folders() {
        return Collections.unmodifiableList(folders);
    }

    @Override
    public List<InputProblem> refused() {
        return Collections.unmodifiableList(refused);
    }
}
