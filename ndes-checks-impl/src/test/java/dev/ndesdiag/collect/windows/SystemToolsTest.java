package dev.ndesdiag.collect.windows;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The plan's tools run from System32, never from the current folder or the JDK's bin. */
class SystemToolsTest {

    private static final Map<String, String> ENV = Map.of("SystemRoot", "C:\\Windows");

    @Test
    void bareToolNamesBecomeSystem32Paths() {
        assertThat(SystemTools.resolve(List.of("reg", "export", "HKLM\\X", "t.reg", "/y"), ENV::get))
                .containsExactly("C:\\Windows\\System32\\reg.exe", "export", "HKLM\\X", "t.reg", "/y");
        assertThat(SystemTools.resolve(List.of("cmd.exe", "/d", "/c", "dir"), ENV::get).get(0))
                .isEqualTo("C:\\Windows\\System32\\cmd.exe");
    }

    @Test
    void powerShellIsWindowsPowerShell51() {
        assertThat(SystemTools.resolve(List.of("powershell.exe", "-NoProfile"), ENV::get).get(0))
                .isEqualTo("C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe");
    }

    @Test
    void pathsAndUnknownProgramsAreLeftAlone() {
        assertThat(SystemTools.resolve(List.of("C:\\Tools\\x.exe"), ENV::get)).containsExactly("C:\\Tools\\x.exe");
        assertThat(SystemTools.resolve(List.of("appcmd"), ENV::get)).containsExactly("appcmd");
        assertThat(SystemTools.resolve(List.of("reg"), Map.<String, String>of()::get)).containsExactly("reg");
    }
}
