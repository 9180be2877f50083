package dev.ndesdiag.cli;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import dev.ndesdiag.Diagnostics;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code ndes-diag} command: explains why an NDES server answers HTTP 500 or 503. */
@Command(name = "ndes-diag",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Explains why a Microsoft NDES (SCEP) server answers HTTP 500 or 503, or is about to.",
        subcommands = {CheckCommand.class, ChecksCommand.class, ProbeCommand.class, CollectCommand.class, ExplainCommand.class,
            DiffCommand.class,
            CommandLine.HelpCommand.class},
        exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeOnExecutionException = ExitCodes.ERROR)
public final class NdesDiagCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces and the runner's log on standard error.")
    void debug(boolean on) {
        debug.enabled = debug.enabled || on;
    }

    private final Debug debug = new Debug();

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
        NdesDiagCommand root = new NdesDiagCommand();
        root.debug.err = err;
        CommandLine cl = new CommandLine(root);
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        for (CommandLine c : java.util.List.of(cl, cl.getSubcommands().get("check"), cl.getSubcommands().get("probe"))) {
            c.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(ExitCodes.reportCodes());
        }
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
            e.println("ndes-diag: internal error: " + dev.ndesdiag.report.Refusals.oneLine(ex.getClass().getSimpleName()
                    + (ex.getMessage() == null ? "" : ": " + ex.getMessage())));
            root.debug.trace("internal error", ex);
            if (!root.debug.enabled()) {
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
        int code;
        try {
            code = commandLine(out, err).execute(args);
        } catch (OutOfMemoryError | StackOverflowError e) {
            code = lastResort(e, args, err);
        }
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * When no report can be made at all (the heap or the stack ran out outside any check or part
     * reader): one line, exit code 3 (ERROR), the stack trace only with {@code --debug}.
     */
    static int lastResort(Throwable e, String[] args, PrintWriter err) {
        String bundle = null;
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--snapshot") || args[i].equals("-s")) {
                bundle = args[i + 1];
            }
        }
        err.println("ndes-diag: error: " + dev.ndesdiag.report.Refusals.oneLine("no report could be made"
                + (bundle == null ? "" : " for " + bundle) + ": " + (e instanceof OutOfMemoryError
                        ? "out of memory (raise the heap with -Xmx, or the input is built to exhaust it)"
                        : "out of stack (the input nests too deeply)")));
        if (java.util.Arrays.asList(args).contains("--debug")) {
            // the trace goes where every other --debug trace goes, through the run's diagnostics
            dev.ndesdiag.Diagnostics.printingTo(err).trace("no report could be made", e);
        }
        err.flush();
        return ExitCodes.ERROR;
    }

    /**
     * This invocation's --debug switch: stack traces and the runner's failures on this command
     * line's standard error. It belongs to one {@link #commandLine} (one run), never to the process.
     */
    static final class Debug {
        private volatile boolean enabled;
        private volatile PrintWriter err = new PrintWriter(System.err, true);

        /** The switch of the command line a (sub)command belongs to. */
        static Debug of(CommandLine.Model.CommandSpec spec) {
            Object root = spec.root().userObject();
            return root instanceof NdesDiagCommand c ? c.debug : new Debug();
        }

        boolean enabled() {
            return enabled;
        }

        /** Logs a failure with its stack trace; shown on standard error with --debug only. */
        void trace(String what, Throwable t) {
            if (enabled) {
                Diagnostics.printingTo(err).trace(what, t);
            }
        }

        /** What the runner and the bundle reader of this run report to. */
        Diagnostics diagnostics() {
            return this::trace;
        }
    }
}
