package dev.ndesdiag.api.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The input factories take two strings side by side; a declaration that swaps them is refused when
 * the check is built, naming what was given, instead of declaring an input no bundle can hold.
 */
class InputsTest {

    private static final String KEY = "HKLM\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters";

    @Test
    void aRegistryKeyDeclaredWithKeyAndFileSwappedIsRefused() {
        assertThatThrownBy(() -> Inputs.registryKey("http-parameters.reg", KEY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http-parameters.reg");
        assertThatThrownBy(() -> Inputs.registryTree("http-parameters.reg", KEY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http-parameters.reg");
    }

    @Test
    void anExportFileThatIsNoRegFileNameIsRefused() {
        assertThatThrownBy(() -> Inputs.registryKey(KEY, "registry\\http-parameters.reg"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("registry\\http-parameters.reg");
    }

    @Test
    void registryKeysInEitherSpellingWithTheirExportAreAccepted() {
        assertThat(Inputs.registryKey(KEY, "http-parameters.reg").what()).isEqualTo("the registry key " + KEY);
        assertThat(Inputs.registryTree("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\ADCS", "adcs.reg").collectCommand())
                .isEqualTo("reg export \"HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\ADCS\" registry\\adcs.reg /y");
    }

    @Test
    void aCommandDeclaredWithNameAndCommandSwappedIsRefused() {
        assertThatThrownBy(() -> Inputs.commandOutput("setspn -Q HTTP/<fqdn>", "setspn-q-fqdn"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("setspn -Q HTTP/<fqdn>");
        assertThat(Inputs.commandOutput("setspn-q-fqdn", "setspn -Q HTTP/<fqdn>").what())
                .isEqualTo("the output of setspn -Q HTTP/<fqdn> (commands/setspn-q-fqdn.txt)");
    }

    @Test
    void aQueryWrittenByItsOwnBlockIsCollectedByThatBlockNotByARedirection() {
        Input<?> hostState = Inputs.scriptOutput("host-state", "the host-state query");
        assertThat(hostState.what()).isEqualTo("the output of the host-state query (commands/host-state.txt)");
        assertThat(hostState.collectCommand()).contains("\"# commands/host-state.txt\" in docs/snapshot-format.md")
                .contains("or ndes-diag collect").doesNotContain(" > ").doesNotContain("index.json");
        assertThat(Inputs.commandOutput("netsh-http-sslcert", "netsh http show sslcert").collectCommand())
                .startsWith("netsh http show sslcert > commands\\netsh-http-sslcert.txt 2>&1");
    }
}
