package dev.ndesdiag.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ndes-diag collect --out FILE.zip}: writes a snapshot bundle of the NDES server it runs on. */
@Command(name = "collect",
        description = "On the NDES server (Windows): write a snapshot bundle of this server.",
        mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeOnExecutionException = ExitCodes.ERROR)
final class CollectCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "FILE.zip", description = "Where to write the bundle.")
    Path out;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("ndes-diag: error: " + Platform.notHere("ndes-diag collect",
                System.getProperty("os.name")));
        return ExitCodes.ERROR;
    }
}
