package dev.ndesdiag.inputs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What is derived from an object is derived once per equal object, and never a null. */
class WeakMemoTest {

    @Test
    void anEqualObjectGetsTheValueDerivedTheFirstTimeAndAnotherObjectItsOwn() {
        AtomicInteger derived = new AtomicInteger();
        WeakMemo<String, Integer> length = WeakMemo.of(s -> {
            derived.incrementAndGet();
            return s.length();
        });
        String first = new String("CN=Contoso Issuing CA");
        assertThat(length.get(first)).isEqualTo(21);
        assertThat(length.get(new String("CN=Contoso Issuing CA"))).isEqualTo(21);
        assertThat(derived).hasValue(1);
        assertThat(length.get("CN=Contoso Root CA")).isEqualTo(18);
        assertThat(derived).hasValue(2);
    }

    @Test
    void aDerivationThatGivesNothingIsRefusedNamingIt() {
        WeakMemo<String, Integer> nothing = WeakMemo.of(s -> null);
        assertThatThrownBy(() -> nothing.get("x")).isInstanceOf(NullPointerException.class).hasMessageContaining("derived value");
    }
}
