package io.tagstream.cli;

import io.tagstream.model.Nd4jNativeBuild;
import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code tagstream} command: one entry point, one subcommand class per task. {@link #main} only wires picocli
 * and turns every user-facing failure into a one-line message and a non-zero exit code.
 */
@Command(
        name = "tagstream",
        mixinStandardHelpOptions = true,
        versionProvider = TagstreamVersion.class,
        description = "Live audio in, labels out: TarsosDSP features, Kafka Streams, a truncated self-attention encoder.",
        subcommands = {CommandLine.HelpCommand.class, BenchCommand.class, BrokerCommand.class, CalibrateCommand.class, DemoCommand.class, EvalCommand.class, IngestCommand.class, LabelCommand.class, RunCommand.class,
            SourcesCommand.class, SynthCommand.class, TrainCommand.class})
public final class TagstreamCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Exit code for bad input (file, flag, data) — distinct from picocli's usage error (2) and crashes (1). */
    public static final int EXIT_BAD_INPUT = 3;

    /** Exit code when Kafka cannot be reached in time, or refuses what the command needs (topics, a send). */
    public static final int EXIT_KAFKA = 4;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A command line configured exactly as {@link #main} runs it; tests execute commands through this. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new TagstreamCommand());
        cli.setExecutionExceptionHandler(new OneLineErrors());
        cli.setParameterExceptionHandler(new OneLineErrors());
        return cli;
    }

    public static void main(String[] args) {
        Nd4jNativeBuild.select();
        System.exit(commandLine().execute(args));
    }

    /** Prints "tagstream: <message>" on one line instead of a stack trace. */
    static final class OneLineErrors
            implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

        @Override
        public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
            PrintWriter err = cmd.getErr();
            err.println(qualifiedName(cmd) + ": " + UserFacingError.describe(e));
            err.flush();
            return e instanceof UserFacingError ? EXIT_BAD_INPUT : UserFacingError.exitCodeFor(e);
        }

        @Override
        public int handleParseException(CommandLine.ParameterException e, String[] args) {
            CommandLine cmd = e.getCommandLine();
            PrintWriter err = cmd.getErr();
            err.println(qualifiedName(cmd) + ": " + e.getMessage() + " (see: " + qualifiedName(cmd) + " --help)");
            err.flush();
            return cmd.getCommandSpec().exitCodeOnInvalidInput();
        }

        /** "tagstream" or "tagstream ingest": the command as the user typed it. */
        private static String qualifiedName(CommandLine cmd) {
            return cmd.getCommandSpec().qualifiedName(" ");
        }
    }
}
