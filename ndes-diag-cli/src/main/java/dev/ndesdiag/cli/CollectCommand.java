package dev.ndesdiag.cli;

import java.io.IOException;
import java.io.PrintWriter;
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

    @CommandLine.Mixin
    CollectionOptions collection;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        String os = System.getProperty("os.name");
        if (!Platform.isWindows(os)) {
            err.println("ndes-diag: error: " + Platform.notHere("ndes-diag collect", os));
            return ExitCodes.ERROR;
        }
        try {
            int files = ServerCollection.collect(out, collection, err);
            spec.commandLine().getOut().println("Wrote " + out + " (" + files + " files; failed steps are listed in "
                    + "collection-log.json). Analyse it with: ndes-diag check --snapshot " + out);
            return ExitCodes.OK;
        } catch (IOException | RuntimeException e) {
            err.println("ndes-diag: error: cannot write the bundle " + out + ": " + e.getMessage());
            NdesDiagCommand.Debug.of(spec).trace("collect", e);
            return ExitCodes.ERROR;
        }
    }
}
