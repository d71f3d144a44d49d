package catalog

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/known/durationpb"
)

// maxYAMLDepth bounds the nesting a catalog file may use; the catalog
// messages need five levels, so anything deeper is a mistake or an attack.
const maxYAMLDepth = 16

// posKey names a message, or one field of it, for line lookups.
type posKey struct {
	msg   proto.Message
	field protoreflect.Name
}

// positions remembers where in its file each decoded message and field was,
// so that validation can report problems by line after decoding.
type positions map[posKey]int

// line returns the line of field in msg, else of msg itself, else 0.
func (p positions) line(msg proto.Message, field protoreflect.Name) int {
	if field != "" {
		if l, ok := p[posKey{msg, field}]; ok {
			return l
		}
	}
	return p[posKey{msg, ""}]
}

// decoder fills protobuf messages from YAML nodes strictly: unknown keys,
// repeated keys and values of the wrong type are all reported, each with its
// line, and decoding goes on so that one run reports every problem.
type decoder struct {
	file string
	pos  positions
	errs []error
}

func (d *decoder) errorf(n *yaml.Node, format string, args ...any) {
	d.errs = append(d.errs, fmt.Errorf("%s:%d: %s", d.file, n.Line, fmt.Sprintf(format, args...)))
}

// document decodes a whole YAML document into m.
func (d *decoder) document(data []byte, m proto.Message) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		// yaml.v3 errors read "yaml: line N: ..."; keep the line, drop the prefix.
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		line := 1
		if rest, ok := strings.CutPrefix(msg, "line "); ok {
			if i := strings.Index(rest, ":"); i > 0 {
				if n, err := strconv.Atoi(rest[:i]); err == nil {
					line, msg = n, strings.TrimSpace(rest[i+1:])
				}
			}
		}
		d.errs = append(d.errs, fmt.Errorf("%s:%d: invalid YAML: %s", d.file, line, msg))
		return
	}
	if root.Kind == 0 || len(root.Content) == 0 {
		d.errs = append(d.errs, fmt.Errorf("%s:1: empty file", d.file))
		return
	}
	d.message(root.Content[0], m.ProtoReflect(), 0)
}

func (d *decoder) message(n *yaml.Node, m protoreflect.Message, depth int) {
	if depth > maxYAMLDepth {
		d.errorf(n, "nested too deeply")
		return
	}
	if n.Kind == yaml.AliasNode {
		d.errorf(n, "YAML aliases are not supported")
		return
	}
	desc := m.Descriptor()
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "%s must be a mapping, not %s", desc.Name(), kindName(n))
		return
	}
	d.pos[posKey{m.Interface(), ""}] = n.Line
	fields := desc.Fields()
	seen := make(map[string]bool, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		fd := fields.ByName(protoreflect.Name(k.Value))
		if fd == nil {
			fd = fields.ByJSONName(k.Value)
		}
		if fd == nil {
			d.errorf(k, "unknown field %q in %s", k.Value, desc.Name())
			continue
		}
		if seen[string(fd.Name())] {
			d.errorf(k, "field %q set twice", k.Value)
			continue
		}
		seen[string(fd.Name())] = true
		d.pos[posKey{m.Interface(), fd.Name()}] = k.Line
		if v.Tag == "!!null" {
			continue
		}
		switch {
		case fd.IsMap():
			d.mapField(v, m, fd)
		case fd.IsList():
			d.listField(v, m, fd, depth)
		case fd.Kind() == protoreflect.MessageKind && !isDuration(fd):
			d.message(v, m.Mutable(fd).Message(), depth+1)
		default:
			if val, ok := d.scalar(v, fd); ok {
				m.Set(fd, val)
			}
		}
	}
}

func (d *decoder) listField(n *yaml.Node, m protoreflect.Message, fd protoreflect.FieldDescriptor, depth int) {
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, "%s must be a list, not %s", fd.Name(), kindName(n))
		return
	}
	list := m.Mutable(fd).List()
	for _, item := range n.Content {
		if fd.Kind() == protoreflect.MessageKind && !isDuration(fd) {
			elem := list.NewElement()
			d.message(item, elem.Message(), depth+1)
			list.Append(elem)
			continue
		}
		if val, ok := d.scalar(item, fd); ok {
			list.Append(val)
		}
	}
}

func (d *decoder) mapField(n *yaml.Node, m protoreflect.Message, fd protoreflect.FieldDescriptor) {
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "%s must be a mapping, not %s", fd.Name(), kindName(n))
		return
	}
	mp := m.Mutable(fd).Map()
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key, ok := d.scalar(k, fd.MapKey())
		if !ok {
			continue
		}
		if mp.Has(key.MapKey()) {
			d.errorf(k, "key %q set twice in %s", k.Value, fd.Name())
			continue
		}
		if val, ok := d.scalar(v, fd.MapValue()); ok {
			mp.Set(key.MapKey(), val)
		}
	}
}

func (d *decoder) scalar(n *yaml.Node, fd protoreflect.FieldDescriptor) (protoreflect.Value, bool) {
	if n.Kind != yaml.ScalarNode {
		d.errorf(n, "%s must be a single value, not %s", fd.Name(), kindName(n))
		return protoreflect.Value{}, false
	}
	s := n.Value
	switch fd.Kind() {
	case protoreflect.StringKind:
		// Numbers are accepted as text so that numeric upstream codes can be
		// written as they are sent (53201).
		return protoreflect.ValueOfString(s), true
	case protoreflect.BytesKind:
		return protoreflect.ValueOfBytes([]byte(s)), true
	case protoreflect.BoolKind:
		if n.Tag != "!!bool" {
			d.errorf(n, "%s must be true or false, not %q", fd.Name(), s)
			return protoreflect.Value{}, false
		}
		b, _ := strconv.ParseBool(strings.ToLower(s))
		return protoreflect.ValueOfBool(b), true
	case protoreflect.Int32Kind, protoreflect.Sint32Kind, protoreflect.Sfixed32Kind:
		i, err := strconv.ParseInt(s, 10, 32)
		if err != nil || n.Tag != "!!int" {
			d.errorf(n, "%s must be a whole number, not %q", fd.Name(), s)
			return protoreflect.Value{}, false
		}
		return protoreflect.ValueOfInt32(int32(i)), true
	case protoreflect.EnumKind:
		ed := fd.Enum()
		ev := ed.Values().ByName(protoreflect.Name(s))
		if ev == nil {
			ev = ed.Values().ByName(protoreflect.Name(enumPrefix(ed) + s))
		}
		if ev == nil || ev.Number() == 0 {
			d.errorf(n, "%s: unknown %s %q", fd.Name(), ed.Name(), s)
			return protoreflect.Value{}, false
		}
		return protoreflect.ValueOfEnum(ev.Number()), true
	case protoreflect.MessageKind:
		if isDuration(fd) {
			dur, err := time.ParseDuration(s)
			if err != nil || dur < 0 {
				d.errorf(n, "%s must be a duration such as \"5s\", not %q", fd.Name(), s)
				return protoreflect.Value{}, false
			}
			return protoreflect.ValueOfMessage(durationpb.New(dur).ProtoReflect()), true
		}
	}
	d.errorf(n, "%s: unsupported field type %s", fd.Name(), fd.Kind())
	return protoreflect.Value{}, false
}

func isDuration(fd protoreflect.FieldDescriptor) bool {
	return fd.Kind() == protoreflect.MessageKind && fd.Message().FullName() == "google.protobuf.Duration"
}

// enumPrefix returns the buf-style prefix of an enum's values: Category's is
// "CATEGORY_", MatchKind's is "MATCH_KIND_".
func enumPrefix(ed protoreflect.EnumDescriptor) string {
	zero := string(ed.Values().ByNumber(0).Name())
	return strings.TrimSuffix(zero, "UNSPECIFIED")
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return fmt.Sprintf("%q", n.Value)
	case yaml.AliasNode:
		return "an alias"
	}
	return "nothing"
}
