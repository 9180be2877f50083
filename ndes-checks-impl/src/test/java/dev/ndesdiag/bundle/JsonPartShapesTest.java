package dev.ndesdiag.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ndesdiag.api.InputProblem;
import dev.ndesdiag.api.snapshot.Part;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A JSON part file must have the shape the collector writes: one object (or the array a part
 * expects), whole numbers where numbers are counted, fields present where they are required; any
 * other shape makes the part unreadable with a problem naming the file and the field.
 */
class JsonPartShapesTest {

    private static MemoryBundleSource bundle(String... pathThenText) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (int i = 0; i < pathThenText.length; i += 2) {
            m.put(pathThenText[i], pathThenText[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return new MemoryBundleSource(m, "NDES01");
    }

    private static String problemOf(Part<?> part) {
        assertThat(part.state()).isEqualTo(Part.State.UNREADABLE);
        assertThat(part.problems()).hasSize(1);
        return part.problems().get(0).message();
    }

    @Test
    void anEmptyFileTwoValuesOrAnArrayWhereAnObjectBelongsAreRefused() {
        assertThat(problemOf(SystemReader.read(bundle("system.json", ""), BundleLimits.defaults())))
                .isEqualTo("is empty, not JSON");
        assertThat(problemOf(SystemReader.read(bundle("system.json", "{}\n{}"), BundleLimits.defaults())))
                .isEqualTo("has content after the JSON value at line 2");
        assertThat(problemOf(SystemReader.read(bundle("system.json", "[]"), BundleLimits.defaults())))
                .isEqualTo("the document is not a JSON object");
        assertThat(problemOf(NetworkFetchesReader.read(bundle("network/fetches.json", "{}"), BundleLimits.defaults())))
                .isEqualTo("the list is not a JSON array");
    }

    @Test
    void aRequiredFieldThatIsMissingIsNamedWithWhereItBelongs() {
        assertThat(problemOf(AccountsReader.read(bundle("security/accounts.json",
                "{\"accounts\":[{\"sid\":\"S-1-5-21-1-2-3-1105\"}]}"), BundleLimits.defaults())))
                .isEqualTo("field \"accounts\"[0] lacks the field \"name\"");
    }

    @Test
    void groupsAreKnownOnlyWhenTheCollectorWroteThemAndNullIsNotWritten() {
        Part<dev.ndesdiag.api.snapshot.Accounts> p = AccountsReader.read(bundle("security/accounts.json",
                "{\"accounts\":[{\"name\":\"svc_ndes\",\"sid\":\"S-1\",\"groups\":[\"S-1-5-32-568\"]},"
                        + "{\"name\":\"other\",\"sid\":\"S-2\",\"groups\":null},{\"name\":\"third\",\"sid\":\"S-3\"}]}"),
                BundleLimits.defaults());
        assertThat(p.problems()).isEmpty();
        var accounts = p.value().orElseThrow().accounts();
        assertThat(accounts.get(0).groups()).contains(java.util.List.of("S-1-5-32-568"));
        assertThat(accounts.get(1).groups()).isEmpty();
        assertThat(accounts.get(2).groups()).isEmpty();
    }

    @Test
    void anExitCodeIsAThirtyTwoBitNumberAndOneBeyondIsAProblemNamingIt() {
        MemoryBundleSource s = bundle("commands/index.json",
                "[{\"name\":\"max\",\"exitCode\":2147483647},{\"name\":\"min\",\"exitCode\":-2147483648}]",
                "commands/max.txt", "x", "commands/min.txt", "y");
        var commands = CommandsReader.read(s, BundleLimits.defaults());
        assertThat(commands.problems()).isEmpty();
        assertThat(commands.value().orElseThrow().capture("max").orElseThrow().exitCode()).hasValue(Integer.MAX_VALUE);
        assertThat(commands.value().orElseThrow().capture("min").orElseThrow().exitCode()).hasValue(Integer.MIN_VALUE);
        for (String beyond : new String[] {"2147483648", "-2147483649"}) {
            var bad = CommandsReader.read(bundle("commands/index.json", "[{\"name\":\"x\",\"exitCode\":" + beyond + "}]",
                    "commands/x.txt", "x"), BundleLimits.defaults());
            assertThat(bad.problems()).extracting(InputProblem::message)
                    .containsExactly("field \"exitCode\" of the index[0] is out of range: " + beyond);
        }
    }

    @Test
    void jsonTextOfACaptureIsReadIntoPlainValues() {
        Map<String, Object> tree = JsonTree.object("{\"a\":1.5,\"b\":true,\"c\":false,\"d\":null,\"e\":[7,\"x\"],\"f\":{}}");
        assertThat(tree).containsExactlyEntriesOf(new LinkedHashMap<>() {
            {
                put("a", 1.5);
                put("b", true);
                put("c", false);
                put("d", null);
                put("e", Arrays.asList(7L, "x"));
                put("f", Map.of());
            }
        });
        assertThatThrownBy(() -> JsonTree.object("[1]")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("is not a JSON object");
        assertThatThrownBy(() -> JsonTree.object("{\"a\":}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("is not valid JSON (line 1, column 6: ");
    }
}
