package dev.ndesdiag.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code bin\ndes-diag.cmd} as far as it can be checked without cmd.exe: its FOR /F commands survive
 * the quote stripping of {@code cmd /c}, delayed expansion is off, {@code %*} is passed outside any
 * block, and a table of argument strings reaches Java's argv unchanged. The argv table models the
 * documented rules (cmd.exe expands {@code %*} once in phase 1 and does not expand its result again;
 * the Java launcher splits its command line by the Microsoft C rules,
 * https://learn.microsoft.com/cpp/c-language/parsing-c-command-line-arguments); it is no substitute
 * for the first run on a real server (README, "First run on a real server").
 */
class LauncherScriptTest {

    private static final Path SCRIPT = Path.of("..", "bin", "ndes-diag.cmd");
    private static final Pattern FOR_F_COMMAND = Pattern.compile("(?i)^\\s*for\\s+/f\\s.*?\\sin\\s+\\('(.*)'\\)\\s+do\\b.*$");

    private static List<String> lines() throws IOException {
        return Files.readAllLines(SCRIPT, StandardCharsets.US_ASCII);
    }

    /**
     * What {@code cmd /c STRING} executes (cmd /? rule 2): when the string starts with a quote and
     * does not hold exactly two quotes around an executable name, the first and the last quote are
     * removed. Returns the string unchanged otherwise (rule 1 is only possible with two quotes).
     */
    static String cmdSlashC(String s) {
        long quotes = s.chars().filter(c -> c == '"').count();
        if (!s.startsWith("\"") || quotes == 2 && !s.substring(1, s.indexOf('"', 1)).matches(".*[&<>()@^|].*")) {
            return s;
        }
        int last = s.lastIndexOf('"');
        return s.substring(1, last) + s.substring(last + 1);
    }

    /** Phase 2 of cmd.exe for the text of a FOR /F command: a caret outside quotes escapes the next character. */
    static String unescapeCarets(String s) {
        StringBuilder out = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == '^' && !quoted && i + 1 < s.length()) {
                out.append(s.charAt(++i));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static List<String> forFCommands(List<String> script) {
        List<String> commands = new ArrayList<>();
        for (String line : script) {
            Matcher m = FOR_F_COMMAND.matcher(line);
            if (m.matches()) {
                commands.add(unescapeCarets(m.group(1)));
            }
        }
        return commands;
    }

    @Test
    void everyForFCommandRunsUnchangedThroughCmdSlashC() throws IOException {
        List<String> commands = forFCommands(lines());
        assertThat(commands).as("the version check runs a command").isNotEmpty();
        for (String c : commands) {
            assertThat(cmdSlashC(c)).as("FOR /F command %s after cmd /c", c).isEqualTo(c);
            assertThat(c).as("no pipe, whose halves would each pass through cmd /c again").doesNotContain("|");
        }
    }

    @Test
    void theOldVersionCheckIsWhatCmdSlashCBreaks() {
        // The line of the first launcher (review-windows.md L1): four quotes, starting with one.
        String old = unescapeCarets("\"%JAVA%\" -version 2^>^&1 ^| findstr /i \"version\"");
        assertThat(cmdSlashC(old)).isEqualTo("%JAVA%\" -version 2>&1 | findstr /i \"version");
    }

    @Test
    void delayedExpansionIsOffSoExclamationMarksSurvive() throws IOException {
        String text = String.join("\n", lines()).toLowerCase(java.util.Locale.ROOT);
        assertThat(text).contains("setlocal enableextensions disabledelayedexpansion").doesNotContain("enabledelayedexpansion");
        assertThat(text).doesNotContain("!jvar!").doesNotContainPattern("![a-z_]+!");
    }

    @Test
    void argumentsArePassedOnlyOnLinesOutsideBlocksAndTheExitCodeFollows() throws IOException {
        List<String> script = lines();
        int depth = 0;
        int passes = 0;
        for (int i = 0; i < script.size(); i++) {
            String line = script.get(i);
            if (line.contains("%*") && !line.stripLeading().toLowerCase(java.util.Locale.ROOT).startsWith("rem")) {
                assertThat(depth).as("line %d passes %%* inside a ( ) block", i + 1).isZero();
                assertThat(line).startsWith("\"%JAVA%\" ").endsWith(" -jar \"%JAR%\" %*");
                assertThat(script.get(i + 1)).isEqualTo("exit /b %ERRORLEVEL%");
                passes++;
            }
            depth += parenthesisBalance(line);
        }
        assertThat(passes).as("with and without a class-data archive").isEqualTo(2);
        assertThat(depth).isZero();
    }

    @Test
    void javaHomeWithQuotesOrParenthesesIsSetOutsideBlocks() throws IOException {
        assertThat(lines()).contains("if defined JAVA_HOME set \"JAVA=%JAVA_HOME:\"=%\\bin\\java.exe\"")
                .noneMatch(l -> l.contains("\"%JAVA_HOME%\""));
    }

    @Test
    void a32BitJavaOnA64BitWindowsIsRefused() throws IOException {
        assertThat(lines()).contains("if \"%JBITS%\"==\"32\" if defined PROCESSOR_ARCHITEW6432 goto :wow64",
                ":wow64");
    }

    @Test
    void theJavaMajorVersionIsANumberBeforeItIsCompared() throws IOException {
        List<String> script = lines();
        int set = script.indexOf("set \"JMAJOR=0\"");
        int compare = script.indexOf("if %JMAJOR% LSS 17 goto :tooold");
        assertThat(set).isNotNegative().isLessThan(compare);
    }

    private static int parenthesisBalance(String line) {
        String l = line.stripLeading().toLowerCase(java.util.Locale.ROOT);
        if (l.startsWith("rem") || l.startsWith("echo") || l.startsWith("::")) {
            return 0;
        }
        int balance = 0;
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                balance++;
            } else if (!quoted && c == ')') {
                balance--;
            }
        }
        return balance;
    }

    /**
     * The launcher's java line with {@code %*} replaced by what the user typed after the script's
     * name, split as the Java launcher splits it: the arguments after the jar are what picocli gets.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            collect --out C:\\temp\\ndes01.zip                    | collect¶--out¶C:\\temp\\ndes01.zip
            --ca "ca01.corp.contoso.com\\Contoso Issuing CA"     | --ca¶ca01.corp.contoso.com\\Contoso Issuing CA
            --ca "ca01\\Contoso! CA"                              | --ca¶ca01\\Contoso! CA
            --out "C:\\temp\\50% & more ^ (x86)\\b.zip"          | --out¶C:\\temp\\50% & more ^ (x86)\\b.zip
            --scep-url "https://ndes01/certsrv/mscep/mscep.dll?a=1&b=2" | --scep-url¶https://ndes01/certsrv/mscep/mscep.dll?a=1&b=2
            --ca "ca01\\Contoso \\"Test\\" CA"                    | --ca¶ca01\\Contoso "Test" CA
            --out "C:\\temp\\folder with space\\\\"               | --out¶C:\\temp\\folder with space\\
            --out "C:\\My Files"\\b.zip                           | --out¶C:\\My Files\\b.zip
            """)
    void anArgumentTableReachesJavaUnchanged(String typed, String expected) throws IOException {
        String javaLine = lines().stream().filter(l -> l.startsWith("\"%JAVA%\" ") && l.endsWith("%*")).findFirst()
                .orElseThrow();
        String expanded = javaLine.replace("%JAVA%", "C:\\Program Files (x86)\\Java\\jdk-17\\bin\\java.exe")
                .replace("%JAR%", "C:\\Tools\\ndes-diag! 1.0\\lib\\ndes-diag.jar").replace("%*", typed);
        assertThat(unquotedOperators(expanded)).as("no & | < > outside quotes for phase 2 to act on").isEmpty();
        List<String> argv = msvcArgv(expanded);
        int jar = argv.indexOf("-jar");
        assertThat(argv.get(0)).isEqualTo("C:\\Program Files (x86)\\Java\\jdk-17\\bin\\java.exe");
        assertThat(argv.get(jar + 1)).isEqualTo("C:\\Tools\\ndes-diag! 1.0\\lib\\ndes-diag.jar");
        assertThat(argv.subList(jar + 2, argv.size())).containsExactly(expected.split("¶"));
    }

    @Test
    void anUnquotedAmpersandIsACommandSeparatorSoItMustBeQuoted() {
        // The reason README tells to quote arguments holding & | < > ^: cmd.exe acts on them first.
        assertThat(unquotedOperators("\"java\" -jar \"x.jar\" --scep-url https://h/m.dll?a=1&b=2")).containsExactly('&');
    }

    private static List<Character> unquotedOperators(String line) {
        List<Character> found = new ArrayList<>();
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && "&|<>".indexOf(c) >= 0) {
                found.add(c);
            }
        }
        return found;
    }

    /** The Microsoft C rules for splitting a command line, argv[0] by its own rule (quotes only). */
    static List<String> msvcArgv(String line) {
        List<String> argv = new ArrayList<>();
        int i = 0;
        StringBuilder first = new StringBuilder();
        boolean quoted = false;
        for (; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == ' ' || c == '\t')) {
                break;
            } else {
                first.append(c);
            }
        }
        argv.add(first.toString());
        while (true) {
            while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
                i++;
            }
            if (i >= line.length()) {
                return argv;
            }
            StringBuilder arg = new StringBuilder();
            quoted = false;
            while (i < line.length()) {
                char c = line.charAt(i);
                if (c == '\\') {
                    int n = 0;
                    while (i < line.length() && line.charAt(i) == '\\') {
                        n++;
                        i++;
                    }
                    if (i < line.length() && line.charAt(i) == '"') {
                        arg.append("\\".repeat(n / 2));
                        if (n % 2 == 1) {
                            arg.append('"');
                            i++;
                        }
                    } else {
                        arg.append("\\".repeat(n));
                    }
                    continue;
                }
                if (c == '"') {
                    if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        arg.append('"');
                        i += 2;
                        continue;
                    }
                    quoted = !quoted;
                    i++;
                    continue;
                }
                if (!quoted && (c == ' ' || c == '\t')) {
                    break;
                }
                arg.append(c);
                i++;
            }
            argv.add(arg.toString());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            prog "a b c" d e              | a b c¶d¶e
            prog "ab\\"c" "\\\\" d        | ab"c¶\\¶d
            prog a\\\\\\b d"e f"g h       | a\\\\\\b¶de fg¶h
            prog a\\\\\\"b c d            | a\\"b¶c¶d
            prog a\\\\\\\\"b c" d e       | a\\\\b c¶d¶e
            """)
    void theArgvModelAgreesWithMicrosoftsOwnExamples(String line, String expected) {
        // The table of "Parsing C command-line arguments" (learn.microsoft.com, cpp/c-language).
        List<String> argv = msvcArgv(line);
        assertThat(argv.subList(1, argv.size())).containsExactly(expected.split("¶"));
    }
}
