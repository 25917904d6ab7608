package io.spdypush.client.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The value of an option that counts (seconds, a seq): a whole number of 0 or more. */
final class NonNegativeNumber implements ITypeConverter<Long> {

    @Override
    public Long convert(String value) {
        try {
            long number = Long.parseLong(value);
            if (number >= 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below, with the value
        }
        throw new TypeConversionException("'" + value + "' is not a non-negative whole number");
    }
}
