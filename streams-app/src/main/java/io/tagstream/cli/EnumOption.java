package io.tagstream.cli;

import java.util.Locale;

import picocli.CommandLine;

/** An option whose value names an enum constant, case-insensitively; anything else is a one-line usage error. */
final class EnumOption {

    private EnumOption() {
    }

    /**
     * The constant of {@code type} named {@code value}.
     *
     * @param option  the option's name, for the message ("--format")
     * @param allowed the allowed values as the user types them ("audacity, jsonl or csv")
     * @throws CommandLine.ParameterException "OPTION must be ALLOWED, got 'VALUE'" (exit code 2)
     */
    static <E extends Enum<E>> E parse(CommandLine.Model.CommandSpec spec, Class<E> type, String value, String option,
                                       String allowed) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    option + " must be " + allowed + ", got '" + value + "'");
        }
    }
}
