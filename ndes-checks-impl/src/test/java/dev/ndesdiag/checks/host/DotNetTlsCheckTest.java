package dev.ndesdiag.checks.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.CheckOutcome;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.Status;
import dev.ndesdiag.fixtures.Analysis;
import dev.ndesdiag.fixtures.BundleBuilder;
import dev.ndesdiag.fixtures.RegExport;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connector needs .NET 4.7.2 (Release 461808, learn.microsoft.com how-to-determine-which-versions-are-installed)
 * and TLS 1.2 in SChannel and for .NET in both registry views (SchUseStrongCrypto and
 * SystemDefaultTlsVersions = 1, learn.microsoft.com enable-tls-1-2-client and dotnet network-programming/tls).
 */
class DotNetTlsCheckTest {

    private static final String FULL = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\NET Framework Setup\\NDP\\v4\\Full";
    private static final String NET64 = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319";
    private static final String NET32 = "HKEY_LOCAL_MACHINE\\SOFTWARE\\WOW6432Node\\Microsoft\\.NETFramework\\v4.0.30319";
    private static final String TLS12 = "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2";

    @TempDir
    Path dir;

    private static RegExport strong(String key, long strong, long systemDefault) {
        return new RegExport().key(key).dword("SchUseStrongCrypto", strong).dword("SystemDefaultTlsVersions", systemDefault);
    }

    private static RegExport schannel() {
        return new RegExport().key("HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL")
                .dword("EventLogging", 1);
    }

    private BundleBuilder healthy(long release) {
        return BundleBuilder.in(dir)
                .registry("dotnet.reg", new RegExport().key(FULL).dword("Release", release).string("Version", "4.8.04161"))
                .registry("schannel.reg", schannel())
                .registry("dotnet-crypto.reg", strong(NET64, 1, 1))
                .registry("dotnet-crypto-wow64.reg", strong(NET32, 1, 1));
    }

    private static Finding finding(CheckOutcome o, String code) {
        return o.result().findings().stream().filter(f -> f.code().equals(code)).findFirst()
                .orElseThrow(() -> new AssertionError(code + " not in " + o.result().findings()));
    }

    private CheckOutcome run(BundleBuilder b) {
        return Analysis.outcome(b.dir(), new DotNetTlsCheck());
    }

    @Test
    void dotNet48WithTls12AndStrongCryptoInBothViewsPasses() {
        CheckOutcome o = run(healthy(528449));
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("DOTNET_OK", "TLS12_CLIENT_ENABLED",
                "TLS12_SERVER_ENABLED", "STRONG_CRYPTO_64_ON", "SYSTEM_DEFAULT_TLS_64_ON", "STRONG_CRYPTO_32_ON",
                "SYSTEM_DEFAULT_TLS_32_ON");
    }

    @Test
    void release461808IsExactly472AndPasses() {
        assertThat(finding(run(healthy(461808)), "DOTNET_OK").status()).isEqualTo(Status.PASS);
    }

    @Test
    void dotNet471Fails() {
        CheckOutcome o = run(healthy(461310));
        assertThat(finding(o, "DOTNET_TOO_OLD").evidence()).containsEntry("release", 461310L).containsEntry("required", 461808L);
    }

    @Test
    void aFullKeyWithoutReleaseFails() {
        CheckOutcome o = run(healthy(0).registry("dotnet.reg", new RegExport().key(FULL).string("Version", "4.0")));
        assertThat(finding(o, "DOTNET_RELEASE_MISSING").status()).isEqualTo(Status.FAIL);
    }

    @Test
    void tls12ClientDisabledInSchannelFails() {
        CheckOutcome o = run(healthy(528449).registry("schannel.reg", schannel().key(TLS12 + "\\Client").dword("Enabled", 0)));
        assertThat(finding(o, "TLS12_CLIENT_DISABLED").status()).isEqualTo(Status.FAIL);
        assertThat(finding(o, "TLS12_SERVER_ENABLED").status()).isEqualTo(Status.PASS);
    }

    @Test
    void tls12ServerDisabledByDefaultFails() {
        CheckOutcome o = run(healthy(528449).registry("schannel.reg", schannel().key(TLS12 + "\\Server")
                .dword("Enabled", 1).dword("DisabledByDefault", 1)));
        assertThat(finding(o, "TLS12_SERVER_DISABLED_BY_DEFAULT").status()).isEqualTo(Status.FAIL);
    }

    @Test
    void explicitlyEnabledTls12Passes() {
        CheckOutcome o = run(healthy(528449).registry("schannel.reg", schannel().key(TLS12 + "\\Client")
                .dword("Enabled", 1).dword("DisabledByDefault", 0)));
        assertThat(finding(o, "TLS12_CLIENT_ENABLED").status()).isEqualTo(Status.PASS);
    }

    @Test
    void strongCryptoSwitchedOffInTheWow64ViewFails() {
        CheckOutcome o = run(healthy(528449).registry("dotnet-crypto-wow64.reg", strong(NET32, 0, 1)));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(finding(o, "STRONG_CRYPTO_32_OFF").evidence()).containsEntry("configured", 0L);
    }

    @Test
    void unsetValuesAreAWarningNamingTheView() {
        CheckOutcome o = run(healthy(528449).registry("dotnet-crypto.reg", new RegExport().key(NET64).string("AspNetEnforceViewStateMac", "1")));
        assertThat(o.status()).isEqualTo(Status.WARN);
        assertThat(finding(o, "STRONG_CRYPTO_64_UNSET").message()).contains("64-bit");
        assertThat(finding(o, "SYSTEM_DEFAULT_TLS_64_UNSET").remediation()).hasValueSatisfying(r -> assertThat(r).contains(
                "reg add \"HKLM\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319\" /v SystemDefaultTlsVersions /t REG_DWORD /d 1"));
    }

    @Test
    void aViewThatWasNotCollectedIsSkippedNotPassed() {
        BundleBuilder b = BundleBuilder.in(dir)
                .registry("dotnet.reg", new RegExport().key(FULL).dword("Release", 528449))
                .registry("schannel.reg", schannel())
                .registry("dotnet-crypto.reg", strong(NET64, 1, 1));
        CheckOutcome o = run(b);
        assertThat(finding(o, "DOTNET_CRYPTO_NOT_COLLECTED").status()).isEqualTo(Status.SKIPPED);
        assertThat(finding(o, "DOTNET_CRYPTO_NOT_COLLECTED").message()).contains("WOW6432Node");
    }

    @Test
    void isSkippedWithoutTheDotNetKey() {
        assertThat(run(BundleBuilder.in(dir).registry("schannel.reg", schannel())).status()).isEqualTo(Status.SKIPPED);
    }

    @Test
    void release461807IsJustBelow472AndFails() {
        CheckOutcome o = run(healthy(461807));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(finding(o, "DOTNET_TOO_OLD").evidence()).containsEntry("release", 461807L);
    }

    @Test
    void aBrokenReleaseLineIsAnErrorNotAMissingDotNet() {
        CheckOutcome o = run(healthy(0).registry("dotnet.reg", new RegExport().key(FULL).raw("\"Release\"=dword:0007f0fe00")));
        Analysis.unreadableLine(o, "registry/dotnet.reg", "Release", "dword:0007f0fe00");
        assertThat(o.result().findings()).extracting(Finding::code).doesNotContain("DOTNET_RELEASE_MISSING", "DOTNET_TOO_OLD");
    }

    @Test
    void withoutTheSchannelExportBothSidesAreUnknown() {
        BundleBuilder b = BundleBuilder.in(dir)
                .registry("dotnet.reg", new RegExport().key(FULL).dword("Release", 528449))
                .registry("dotnet-crypto.reg", strong(NET64, 1, 1))
                .registry("dotnet-crypto-wow64.reg", strong(NET32, 1, 1));
        CheckOutcome o = run(b);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("DOTNET_OK", "SCHANNEL_NOT_COLLECTED",
                "SCHANNEL_NOT_COLLECTED", "STRONG_CRYPTO_64_ON", "SYSTEM_DEFAULT_TLS_64_ON", "STRONG_CRYPTO_32_ON",
                "SYSTEM_DEFAULT_TLS_32_ON");
        assertThat(o.result().findings().get(1).message()).contains("client side");
        assertThat(o.result().findings().get(2).message()).contains("server side");
    }

    @Test
    void aBrokenEnabledLineForTls12IsAnErrorNotEnabledByDefault() {
        CheckOutcome o = run(healthy(528449).registry("schannel.reg", schannel().key(TLS12 + "\\Client").raw("\"Enabled\"=dword:00000001ff")));
        Analysis.unreadableLine(o, "registry/schannel.reg", "Enabled", "dword:00000001ff");
        assertThat(o.result().findings()).extracting(Finding::code).doesNotContain("TLS12_CLIENT_ENABLED", "TLS12_CLIENT_DISABLED");
    }

    @Test
    void tls12WithoutAnOverrideIsEnabledByDefaultAndSaysSo() {
        CheckOutcome o = run(healthy(528449));
        assertThat(finding(o, "TLS12_CLIENT_ENABLED").message()).contains("no override: enabled by default");
        CheckOutcome explicit = run(healthy(528449).registry("schannel.reg", schannel().key(TLS12 + "\\Server").dword("Enabled", 1)));
        assertThat(finding(explicit, "TLS12_SERVER_ENABLED").message()).isEqualTo("TLS 1.2 is enabled for the SChannel server.");
    }

    @Test
    void anExportOfTheWrongKeyLeavesThatViewUncollected() {
        CheckOutcome o = run(healthy(528449).registry("dotnet-crypto.reg", strong(NET64 + "\\SKUs", 1, 1)));
        assertThat(finding(o, "DOTNET_CRYPTO_NOT_COLLECTED").message()).contains("64-bit");
        assertThat(finding(o, "DOTNET_CRYPTO_NOT_COLLECTED").status()).isEqualTo(Status.SKIPPED);
    }

    @Test
    void aBrokenStrongCryptoLineIsAnErrorNotUnset() {
        CheckOutcome o = run(healthy(528449).registry("dotnet-crypto.reg", new RegExport().key(NET64)
                .raw("\"SchUseStrongCrypto\"=dword:000000001").dword("SystemDefaultTlsVersions", 1)));
        Analysis.unreadableLine(o, "registry/dotnet-crypto.reg", "SchUseStrongCrypto", "dword:000000001");
        assertThat(o.result().findings()).extracting(Finding::code).contains("SYSTEM_DEFAULT_TLS_64_ON")
                .doesNotContain("STRONG_CRYPTO_64_UNSET", "STRONG_CRYPTO_64_ON");
    }

    @Test
    void strongCryptoCreatedAsAStringFailsBecauseDotNetReadsOnlyADword() {
        CheckOutcome o = run(healthy(528449).registry("dotnet-crypto-wow64.reg", new RegExport().key(NET32)
                .string("SchUseStrongCrypto", "1").dword("SystemDefaultTlsVersions", 1)));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(finding(o, "STRONG_CRYPTO_32_NOT_DWORD").evidence()).containsEntry("value", "SchUseStrongCrypto")
                .containsEntry("configured", "1");
    }

    @Test
    void systemDefaultTlsVersionsOfTwoIsNotOne() {
        CheckOutcome o = run(healthy(528449).registry("dotnet-crypto.reg", strong(NET64, 1, 2)));
        assertThat(finding(o, "SYSTEM_DEFAULT_TLS_64_OFF").evidence()).containsEntry("configured", 2L);
    }
}
