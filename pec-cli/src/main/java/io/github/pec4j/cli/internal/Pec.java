package io.github.pec4j.cli.internal;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code pec} command and its subcommands, on picocli: help on every command and option, shell completion,
 * {@code --quiet}, and the exit statuses listed once, in {@code pec --help}.
 */
@Command(name = "pec", versionProvider = Pec.Version.class, synopsisSubcommandLabel = "COMMAND",
        description = "PEC (posta elettronica certificata) for a public administration's protocollo informatico: inspect, verify and "
                + "admit messages, take the institutional box in, register, send and track letters.",
        commandListHeading = "%nCommands:%n",
        exitCodeListHeading = "%nExit status (every command):%n",
        exitCodeList = {
            "0:done: every file was processed, whatever it contained",
            "1:an internal error of pec (a defect; reported in one line, no stack trace)",
            "2:usage: the command line is wrong (the message says how)",
            "3:unreadable: a file, the configuration, the mailbox or the register cannot be read or reached",
            "4:failed: processing a file failed (it has an error entry; the others were processed), the register refused (no such "
                    + "registration, not assigned, already taken in charge, annulled), a document does not match its impronta, a letter "
                    + "was refused or waits, or a message ended among the intake's errors"},
        footerHeading = "%n",
        footer = {"Passwords: from an environment variable (--*-password-env, PEC_IMAP_PASSWORD, PEC_SMTP_PASSWORD, PEC_REGISTRY_PASSWORD) "
                + "or a file (--*-password-file); never required on the command line.",
            "Run 'pec help COMMAND' or 'pec COMMAND --help' for a command's options; 'pec generate-completion' prints a bash/zsh "
                    + "completion script."})
public final class Pec implements Callable<Integer> {
    /** Every file was processed. */
    public static final int OK = 0;
    /** The command line was wrong. */
    public static final int USAGE = 2;
    /** At least one file, the configuration, the mailbox or the register could not be read or reached. */
    public static final int UNREADABLE = 3;
    /** Processing failed, or the register or the provider refused. */
    public static final int FAILED = 4;
    /** The exit statuses, for the commands that take them as a record. */
    static final RegisterCommand.Codes CODES = new RegisterCommand.Codes(OK, USAGE, UNREADABLE, FAILED);

    private final Io io;
    @Spec
    CommandSpec spec;

    private Pec(Io io) {
        this.io = io;
    }

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, description = "Print nothing but errors: no results on standard "
            + "output, no warnings or progress on standard error; the exit status tells the outcome.")
    void quiet(boolean quiet) {
        if (quiet) io.quiet();
    }

    /** {@code pec} alone: the help, on standard error, as a usage error. */
    @Override
    public Integer call() {
        io.err().print(spec.commandLine().getUsageMessage());
        return USAGE;
    }

    /** The version in the jar's manifest. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Pec.class.getPackage().getImplementationVersion();
            return new String[] {"pec4j " + (v == null ? "dev" : v)};
        }
    }

    /**
     * Runs {@code args}; returns the exit status. Never throws: a defect is one line on standard error and status 1.
     *
     * @param args the arguments after {@code pec}
     * @param io where to write
     * @return the exit status
     */
    public static int run(String[] args, Io io) {
        CommandLine cl = commandLine(io);
        try {
            return cl.execute(args);
        } catch (RuntimeException | Error e) {
            // A bug, never input: still no stack trace on the terminal.
            io.err().println("pec: internal error: " + e);
            return 1;
        } finally {
            cl.getOut().flush();
            cl.getErr().flush();
        }
    }

    /** The command tree, writing to {@code io}. */
    static CommandLine commandLine(Io io) {
        CommandLine cl = new CommandLine(new Pec(io));
        cl.addSubcommand(new InspectCommand(io));
        cl.addSubcommand(new VerifyCommand(io));
        cl.addSubcommand(new CheckCommand(io));
        cl.addSubcommand(new AdmitCommand(io));
        cl.addSubcommand(new TrackCommand(io));
        cl.addSubcommand(new RegisterCommand(io));
        cl.addSubcommand(new IntakeCommand(io));
        cl.addSubcommand(new SendCommand(io));
        cl.addSubcommand(new SamplesCommand(io));
        cl.addSubcommand(new DemoCommand(io));
        cl.addSubcommand(new HelpCommand());
        CommandLine completion = new CommandLine(new AutoComplete.GenerateCompletion());
        completion.getCommandSpec().usageMessage().hidden(false);
        cl.addSubcommand("generate-completion", completion);
        cl.getCommandSpec().mixinStandardHelpOptions(true);
        standardOptions(cl);
        cl.setExpandAtFiles(false); // an argument starting with '@' is a file name or an address, never an argument file
        cl.setOut(new PrintWriter(new OutputStreamWriter(io.out(), StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new OutputStreamWriter(io.err(), StandardCharsets.UTF_8), true));
        cl.setParameterExceptionHandler(Pec::usageError);
        cl.setExecutionExceptionHandler((e, command, parsed) -> {
            // A bug, never input: still no stack trace on the terminal.
            command.getErr().println("pec: internal error: " + e);
            return 1;
        });
        return cl;
    }

    /** {@code --help} and {@code --version} (pec4j's) on every command, and "usage: " before every synopsis. */
    private static void standardOptions(CommandLine cl) {
        CommandSpec spec = cl.getCommandSpec();
        if (spec.optionsMap().get("--help") == null) spec.mixinStandardHelpOptions(true);
        if (spec.version().length == 0 && spec.versionProvider() == null) spec.versionProvider(new Version());
        spec.usageMessage().synopsisHeading("usage: ").abbreviateSynopsis(false).width(100);
        cl.getSubcommands().values().stream().distinct().forEach(Pec::standardOptions);
    }

    /** A usage error: what is wrong, the synopsis, and where the help is; exit status 2. */
    private static int usageError(ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        String name = cl.getCommandSpec().qualifiedName();
        if (cl.getParent() == null && e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()
                && !u.getUnmatched().get(0).startsWith("-")) {
            err.println(name + ": unknown command '" + u.getUnmatched().get(0) + "'");
            err.print(cl.getUsageMessage());
            return USAGE;
        }
        err.println(name + ": " + e.getMessage());
        UnmatchedArgumentException.printSuggestions(e, err);
        err.print(cl.getHelp().synopsisHeading() + cl.getHelp().synopsis(cl.getHelp().synopsisHeading().length()));
        err.println("Run '" + name + " --help' for the options.");
        return USAGE;
    }
}
