package dev.ndesdiag.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.ndesdiag.api.InputProblem;
import dev.ndesdiag.api.SnapshotPart;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A file keeps at most its share of problems: exactly that many are listed as they are, and the
 * ones past it are counted in one closing problem for that file alone.
 */
class ProblemBudgetTest {

    private static InputProblem bad(String file, int line) {
        return InputProblem.atLine(SnapshotPart.REGISTRY, file, line, "is neither a [key], a \"value\"= line nor a comment");
    }

    @Test
    void exactlyTheShareOfAFileIsKeptAsItIsWithoutASummary() {
        ProblemBudget b = new ProblemBudget(3);
        assertThat(b.isEmpty()).isTrue();
        for (int line = 1; line <= 3; line++) {
            b.add(bad("registry/a.reg", line));
        }
        assertThat(b.isEmpty()).isFalse();
        assertThat(b.problems()).extracting(p -> p.line().getAsInt()).containsExactly(1, 2, 3);
    }

    @Test
    void problemsPastTheShareAreCountedPerFileInOneClosingProblem() {
        ProblemBudget b = new ProblemBudget(2);
        for (int line = 1; line <= 5; line++) {
            b.add(bad("registry/a.reg", line));
        }
        b.add(bad("registry/b.reg", 1));
        b.add(bad("registry/b.reg", 2));
        b.add(bad("registry/b.reg", 3));
        List<InputProblem> all = b.problems();
        assertThat(all).extracting(InputProblem::file, InputProblem::message).containsExactly(
                tuple("registry/a.reg", "is neither a [key], a \"value\"= line nor a comment"),
                tuple("registry/a.reg", "is neither a [key], a \"value\"= line nor a comment"),
                tuple("registry/b.reg", "is neither a [key], a \"value\"= line nor a comment"),
                tuple("registry/b.reg", "is neither a [key], a \"value\"= line nor a comment"),
                tuple("registry/a.reg", "has 3 more problems that were counted, not kept (the first 2 are listed)"),
                tuple("registry/b.reg", "has 1 more problems that were counted, not kept (the first 2 are listed)"));
        assertThat(all.get(4).part()).isEqualTo(SnapshotPart.REGISTRY);
        assertThat(all.get(4).line()).isEmpty();
    }

    @Test
    void aShareOfNoneStillKeepsTheFirstProblemOfAFile() {
        ProblemBudget b = new ProblemBudget(0);
        b.add(bad("registry/a.reg", 1));
        b.add(bad("registry/a.reg", 2));
        assertThat(b.problems()).extracting(InputProblem::message).containsExactly(
                "is neither a [key], a \"value\"= line nor a comment",
                "has 1 more problems that were counted, not kept (the first 1 are listed)");
    }

    @Test
    void aListOfAtMostTheShareIsLeftAsItIsAndALongerOneIsCapped() {
        List<InputProblem> three = List.of(bad("a", 1), bad("a", 2), bad("a", 3));
        assertThat(ProblemBudget.cap(three, 3)).isSameAs(three);
        assertThat(ProblemBudget.cap(three, 2)).extracting(InputProblem::message).containsExactly(
                "is neither a [key], a \"value\"= line nor a comment",
                "is neither a [key], a \"value\"= line nor a comment",
                "has 1 more problems that were counted, not kept (the first 2 are listed)");
    }

    @Test
    void aProblemListCountsEveryProblemAddedAndKeepsThemInItsBudget() {
        ProblemBudget b = new ProblemBudget(1);
        List<InputProblem> list = new ProblemList(b);
        assertThat(list.add(bad("a", 1))).isTrue();
        assertThat(list.add(bad("a", 2))).isTrue();
        assertThat(list).hasSize(2);
        assertThat(b.problems()).hasSize(2);
        assertThat(new ArrayList<>(b.problems()).get(1).message()).startsWith("has 1 more problems");
        assertThatThrownBy(() -> list.get(0)).isInstanceOf(UnsupportedOperationException.class);
    }
}
