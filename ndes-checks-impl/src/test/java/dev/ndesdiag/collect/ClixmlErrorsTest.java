package dev.ndesdiag.collect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * PowerShell 5.1's CLIXML error stream, decoded for the collection log. The captures are real
 * stderr of {@code powershell.exe -NoProfile -NonInteractive -EncodedCommand ...}, as quoted in
 * public repositories found with the code search (the English one with its "Preparing modules for
 * first use." progress record; the Spanish one from a localized Windows).
 */
class ClixmlErrorsTest {

    /** English, Windows PowerShell 5.1, a failed Get-ScheduledTask (CRLF after the marker, as captured). */
    static final String ENGLISH = "#< CLIXML\r\n"
            + "<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\"><Obj S=\"progress\" RefId=\"0\">"
            + "<TN RefId=\"0\"><T>System.Management.Automation.PSCustomObject</T><T>System.Object</T></TN><MS>"
            + "<I64 N=\"SourceId\">1</I64><PR N=\"Record\"><AV>Preparing modules for first use.</AV><AI>0</AI><Nil /><PI>-1</PI>"
            + "<PC>-1</PC><T>Completed</T><SR>-1</SR><SD> </SD></PR></MS></Obj>"
            + "<S S=\"Error\">Get-ScheduledTask : No matching MSFT_ScheduledTask objects found by CIM query for instances of the _x000D__x000A_</S>"
            + "<S S=\"Error\">Root/Microsoft/Windows/TaskScheduler/MSFT_ScheduledTask class on the  CIM server: SELECT * FROM MSFT_ScheduledTask  _x000D__x000A_</S>"
            + "<S S=\"Error\">WHERE ((TaskName LIKE 'EasyLink-Recovery')) AND ((TaskPath LIKE '\\\\')). Verify query parameters and retry._x000D__x000A_</S>"
            + "<S S=\"Error\">At line:4 char:13_x000D__x000A_</S>"
            + "<S S=\"Error\">    + FullyQualifiedErrorId : CmdletizationQuery_NotFound,Get-ScheduledTask_x000D__x000A_</S>"
            + "<S S=\"Error\"> _x000D__x000A_</S></Objs>";

    /** Spanish Windows: accented letters arrive as _x00FA_ escapes. */
    static final String SPANISH = "#< CLIXML\r\n<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\">"
            + "<S S=\"Error\">Get-Process : No se encuentra ning_x00FA_n proceso con el t_x00E9_rmino especificado._x000D__x000A_</S>"
            + "<S S=\"Error\">En l_x00ED_nea: 1 Car_x00E1_cter: 1_x000D__x000A_</S></Objs>";

    @Test
    void theErrorLinesAreKeptAndTheProgressRecordAndEscapesAreNot() {
        String text = ClixmlErrors.readable(ENGLISH);
        assertThat(text).startsWith("Get-ScheduledTask : No matching MSFT_ScheduledTask objects found")
                .contains("At line:4 char:13").doesNotContain("Preparing modules").doesNotContain("_x000D_")
                .doesNotContain("<S").doesNotContain("CLIXML");
        assertThat(text.lines()).hasSize(5);
    }

    @Test
    void aLocalizedErrorKeepsItsAccentedLetters() {
        assertThat(ClixmlErrors.readable(SPANISH))
                .isEqualTo("Get-Process : No se encuentra ningún proceso con el término especificado.\nEn línea: 1 Carácter: 1");
    }

    @Test
    void textBeforeTheMarkerStaysAndPlainTextIsUntouched() {
        assertThat(ClixmlErrors.readable("ERROR ( message:Cannot read configuration file )\r\n"))
                .isEqualTo("ERROR ( message:Cannot read configuration file )\r\n");
        assertThat(ClixmlErrors.readable("warning\r\n" + SPANISH)).startsWith("warning\r\nGet-Process");
    }

    @Test
    void brokenClixmlIsSaidToBeUnreadableNotDumped() {
        assertThat(ClixmlErrors.readable("#< CLIXML\r\n<Objs><S S=\"Error\">half")).isEqualTo(
                "(PowerShell error output that is not readable CLIXML)");
    }

    @Test
    void anEnormousErrorIsCutToALogLine() {
        String many = "#< CLIXML\r\n<Objs>" + "<S S=\"Error\">line of text_x000D__x000A_</S>".repeat(5000) + "</Objs>";
        assertThat(ClixmlErrors.readable(many)).hasSizeLessThanOrEqualTo(ClixmlErrors.MAX_CHARS + 6);
    }

    @Test
    void aFailedStepIsLoggedWithThePowerShellMessageNotTheMarker() {
        CollectorRoundTripTest.RecordedSource server = new CollectorRoundTripTest.RecordedSource();
        server.commands.put("powershell system", CollectorRoundTripTest.RecordedSource.failed(ENGLISH));
        String log = new String(new Collector(server, java.time.Clock.systemUTC())
                .collect(java.util.List.of(new Step.SystemState(CollectionPlan.powershell(CollectionPlan.SYSTEM_SCRIPT),
                        java.time.Duration.ofSeconds(5)))).get("collection-log.json"), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(log).contains("exit code 1: Get-ScheduledTask : No matching MSFT_ScheduledTask").doesNotContain("CLIXML");
    }

    @Test
    void aFailedCertutilInUnicodeIsLoggedReadably() {
        // certutil -Unicode on a German server (written from certutil's documented -Unicode
        // behaviour, UTF-16LE; not a capture): the log line must not be UTF-16 read as UTF-8
        CollectorRoundTripTest.RecordedSource server = new CollectorRoundTripTest.RecordedSource();
        byte[] german = "CertUtil: -ping-Befehl ist fehlgeschlagen: 0x800706ba (WIN32: 1722 RPC_S_SERVER_UNAVAILABLE)\r\n"
                .getBytes(java.nio.charset.StandardCharsets.UTF_16LE);
        server.commands.put("certutil -Unicode", new CommandResult(java.util.OptionalInt.of(-2147023174),
                dev.ndesdiag.api.snapshot.Blob.of(german), dev.ndesdiag.api.snapshot.Blob.of(new byte[0]),
                java.time.Duration.ofMillis(5), false, java.util.Optional.empty()));
        String log = new String(new Collector(server, java.time.Clock.systemUTC())
                .collect(java.util.List.of(new Step.CaCommands(java.util.Optional.of("ca01\\Contoso CA"),
                        java.time.Duration.ofSeconds(5)))).get("collection-log.json"), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(log).contains("ping-Befehl ist fehlgeschlagen: 0x800706ba").doesNotContain("\\u0000");
    }
}
