package dev.ndesdiag.inputs;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import java.util.function.Function;

/**
 * What is derived from an immutable object, such as the URLs or the template name in a
 * certificate's extensions, worked out once per object while it lives: a dozen checks of a bundle
 * ask the same certificates the same questions. Objects are compared with {@code equals} (a
 * certificate by its encoding) and held weakly, so the answers go with the bundle. The derived value
 * must be immutable and must not hold the object itself. Two threads asking at once may both derive
 * it; either answer is the same.
 *
 * @param <K> the objects asked about
 * @param <V> what is derived from one
 */
public final class WeakMemo<K, V> {

    private final Map<K, V> known = Collections.synchronizedMap(new WeakHashMap<>());
    private final Function<K, V> derive;

    private WeakMemo(Function<K, V> derive) {
        this.derive = derive;
    }

    /**
     * Creates a memo.
     *
     * @param <K> the objects asked about
     * @param <V> what is derived from one
     * @param derive how to derive the value; it must not return null
     * @return the memo; never null
     */
    public static <K, V> WeakMemo<K, V> of(Function<K, V> derive) {
        return new WeakMemo<>(Objects.requireNonNull(derive, "derive"));
    }

    /**
     * Returns what is derived from an object, deriving it the first time.
     *
     * @param key the object; never null
     * @return the derived value; never null
     */
    public V get(K key) {
        V value = known.get(key);
        if (value == null) {
            value = Objects.requireNonNull(derive.apply(key), "derived value");
            known.put(key, value);
        }
        return value;
    }
}
