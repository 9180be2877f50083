package dev.ndesdiag.api.snapshot;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * XmlElement is an immutable element of a configuration file: its name, attributes in document
 * order, its own text, child elements and the line it starts on. Comments are dropped.
 *
 * @param name the element's local name, such as {@code location}; never null
 * @param attributes attribute values by name, in document order; never null
 * @param text the element's own character data, such as the value of a {@code <Data>} element;
 *     never null, empty when there is none or it is only white space between children
 * @param children child elements in document order; never null
 * @param line the 1-based line the element starts on, or 0 when unknown
 * @since 0.1.0
 */
public record XmlElement(String name, Map<String, String> attributes, String text, List<XmlElement> children, int line) {

    /** Validates and copies the components. */
    public XmlElement {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(text, "text");
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        children = List.copyOf(children);
    }

    /**
     * Returns an attribute's value.
     *
     * @param attribute the attribute name, exact case; never null
     * @return the value, or empty
     */
    public Optional<String> attribute(String attribute) {
        return Optional.ofNullable(attributes.get(attribute));
    }

    /**
     * Returns the children with a given name.
     *
     * @param childName the element name, exact case; never null
     * @return the children; never null, may be empty
     */
    public List<XmlElement> children(String childName) {
        List<XmlElement> named = new java.util.ArrayList<>();
        for (XmlElement c : children) { // a loop, not a stream: every event's fields are looked up so
            if (c.name.equals(childName)) {
                named.add(c);
            }
        }
        return Collections.unmodifiableList(named);
    }

    /**
     * Returns the first child with a given name.
     *
     * @param childName the element name; never null
     * @return the child, or empty
     */
    public Optional<XmlElement> child(String childName) {
        for (XmlElement c : children) {
            if (c.name.equals(childName)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /**
     * Follows a path of child names, such as {@code system.webServer/security/requestFiltering}.
     *
     * @param path child names separated by {@code /}; never null
     * @return the first element at the end of the path, or empty
     */
    public Optional<XmlElement> find(String path) {
        Optional<XmlElement> current = Optional.of(this);
        for (String step : path.split("/")) {
            if (step.isEmpty()) {
                continue;
            }
            current = current.flatMap(e -> e.child(step));
        }
        return current;
    }
}
