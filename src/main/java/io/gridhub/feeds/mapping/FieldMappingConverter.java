package io.gridhub.feeds.mapping;

import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.core.convert.converter.Converter;
import org.springframework.stereotype.Component;

/** Lets {@code mapping.source_id: SBBM} stand for {@code mapping.source_id.from: SBBM}. */
@Component
@ConfigurationPropertiesBinding
public class FieldMappingConverter implements Converter<String, FieldMapping> {

    @Override
    public FieldMapping convert(String source) {
        return FieldMapping.of(source.trim());
    }
}
