package dev.ndesdiag.bundle;

import dev.ndesdiag.api.InputProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Problems of one part, at most a set number kept per file: the others are counted and said in
 * one closing problem for that file, so that a file of a million bad lines costs a hundred
 * problems, not a million.
 */
final class ProblemBudget {

    private final int perFile;
    private final List<InputProblem> kept = new ArrayList<>();
    private final Map<String, int[]> counts = new LinkedHashMap<>();
    private final Map<String, InputProblem> firstDropped = new LinkedHashMap<>();

    ProblemBudget(int perFile) {
        this.perFile = Math.max(perFile, 1);
    }

    /** Keeps the problem, or counts it when its file has used its share. */
    void add(InputProblem problem) {
        String file = String.valueOf(problem.file());
        int[] n = counts.computeIfAbsent(file, f -> new int[1]);
        n[0]++;
        if (n[0] <= perFile) {
            kept.add(problem);
        } else {
            firstDropped.putIfAbsent(file, problem);
        }
    }

    /** @return the problems kept, then one per file that had more, saying how many were not kept */
    List<InputProblem> problems() {
        List<InputProblem> all = new ArrayList<>(kept);
        firstDropped.forEach((file, first) -> all.add(InputProblem.of(first.part(), first.file(),
                "has " + (counts.get(file)[0] - perFile) + " more problems that were counted, not kept (the first "
                        + perFile + " are listed)")));
        return all;
    }

    /** @return whether no problem was added */
    boolean isEmpty() {
        return kept.isEmpty();
    }

    /** Caps a list of problems the same way. */
    static List<InputProblem> cap(List<InputProblem> problems, int perFile) {
        if (problems.size() <= perFile) {
            return problems;
        }
        ProblemBudget b = new ProblemBudget(perFile);
        problems.forEach(b::add);
        return b.problems();
    }
}
