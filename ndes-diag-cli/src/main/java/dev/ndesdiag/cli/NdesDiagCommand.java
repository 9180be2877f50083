package dev.ndesdiag.cli;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code ndes-diag} command: explains why an NDES server answers HTTP 500 or 503. */
@Command(name = "ndes-diag",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Explains why a Microsoft NDES (SCEP) server answers HTTP 500 or 503, or is about to.",
        subcommands = {CheckCommand.class, ChecksCommand.class, ProbeCommand.class, CollectCommand.class, DiffCommand.class,
            CommandLine.HelpCommand.class},
        exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeOnExecutionException = ExitCodes.ERROR,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            " 0:report PASS (or every check skipped)",
            " 1:report WARN",
            " 2:report FAIL",
            " 3:report ERROR, or no report could be made",
            "64:command-line usage error"})
public final class NdesDiagCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces and the runner's log on standard error.")
    void debug(boolean on) {
        Debug.enable(on);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: use 'check' or 'checks'.");
    }

    /**
     * Builds the command line with its error handlers, printing to the given writers.
     *
     * @param out standard output
     * @param err standard error
     * @return the command line, ready to {@code execute}
     */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new NdesDiagCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter e = ex.getCommandLine().getErr();
            e.println("ndes-diag: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, e);
            e.println("Run '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            e.flush();
            if (asksForNagios(args)) {
                // Monitoring reads one line and an exit code of 0-3: a usage error is UNKNOWN (report format 1).
                PrintWriter o = ex.getCommandLine().getOut();
                o.println("NDES UNKNOWN - usage error: " + ex.getMessage().replace('\n', ' ').replace('|', '/'));
                o.flush();
                return ExitCodes.ERROR;
            }
            return ExitCodes.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter e = commandLine.getErr();
            e.println("ndes-diag: internal error: " + ex.getClass().getSimpleName()
                    + (ex.getMessage() == null ? "" : ": " + ex.getMessage()));
            Debug.trace("internal error", ex);
            if (!Debug.enabled()) {
                e.println("Run again with --debug for details, and report it with the bundle's manifest.");
            }
            e.flush();
            return ExitCodes.ERROR;
        });
        return cl;
    }

    /** Whether the arguments ask for {@code --format nagios} (as two words or with {@code =}). */
    static boolean asksForNagios(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equalsIgnoreCase("--format=nagios")
                    || a.equals("--format") && i + 1 < args.length && args[i + 1].equalsIgnoreCase("nagios")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs the command and exits with its code.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        Charset cs = System.console() != null ? System.console().charset() : Charset.defaultCharset();
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, cs), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, cs), true);
        int code = commandLine(out, err).execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** The process-wide --debug switch: stack traces and FINE logging on standard error. */
    static final class Debug {
        private static volatile boolean enabled;
        /** Held strongly: the logging framework keeps loggers weakly, so an unheld one loses its level to GC. */
        private static final Logger OURS = Logger.getLogger("dev.ndesdiag");

        private Debug() {
        }

        static synchronized void enable(boolean on) {
            if (on && !enabled) {
                OURS.setLevel(Level.FINE);
                OURS.setUseParentHandlers(false);
                Handler h = new CurrentStderrHandler();
                h.setLevel(Level.FINE);
                OURS.addHandler(h);
            }
            enabled = enabled || on;
        }

        static boolean enabled() {
            return enabled;
        }

        /** Writes to the standard error of the moment, not the one seen when --debug was first given. */
        private static final class CurrentStderrHandler extends Handler {
            CurrentStderrHandler() {
                setFormatter(new SimpleFormatter());
            }

            @Override
            public void publish(LogRecord record) {
                if (isLoggable(record)) {
                    System.err.print(getFormatter().format(record));
                    System.err.flush();
                }
            }

            @Override
            public void flush() {
                System.err.flush();
            }

            @Override
            public void close() {
                flush();
            }
        }

        /** Logs a failure with its stack trace; shown on standard error with --debug only. */
        static void trace(String what, Throwable t) {
            Logger.getLogger("dev.ndesdiag.cli").log(Level.FINE, what, t);
        }
    }
}
