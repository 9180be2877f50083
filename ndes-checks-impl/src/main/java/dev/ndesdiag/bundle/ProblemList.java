package dev.ndesdiag.bundle;

import dev.ndesdiag.api.InputProblem;
import java.util.AbstractList;

/**
 * A list view that readers add problems to as to any list, each add going through a
 * {@link ProblemBudget}; read the kept problems from the budget.
 */
final class ProblemList extends AbstractList<InputProblem> {

    private final ProblemBudget budget;
    private int added;

    ProblemList(ProblemBudget budget) {
        this.budget = budget;
    }

    @Override
    public boolean add(InputProblem problem) {
        budget.add(problem);
        added++;
        return true;
    }

    @Override
    public InputProblem get(int index) {
        throw new UnsupportedOperationException("read the problems from the budget");
    }

    @Override
    public int size() {
        return added;
    }
}
