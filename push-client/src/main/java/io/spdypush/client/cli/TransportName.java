package io.spdypush.client.cli;

import io.spdypush.client.Transport;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The value of {@code --transport}: a {@link Transport} by its lowercase name. */
final class TransportName implements ITypeConverter<Transport> {

    @Override
    public Transport convert(String value) {
        List<Transport> transports = Arrays.asList(Transport.values());
        return transports.stream()
                .filter(transport -> transport.toString().equals(value))
                .findFirst()
                .orElseThrow(() -> new TypeConversionException("'" + value + "' is not one of "
                        + String.join(", ", transports.stream().map(Transport::toString).toList())));
    }
}
