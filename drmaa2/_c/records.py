"""Whole DRMAA2 structs to and from the public data types.

The fields of each struct are those of the table ``drmaa2._fields`` present in the loaded
profile's layout.  Reading copies every field into the data type the table names (the
class ``drmaa2.types`` registered there; this module imports nothing above it) and the
implementation-specific attributes through ``drmaa2_get_instance_value``; writing fills a
struct the library created (``drmaa2_*_create``) from any object with the table's
attribute names, and frees every value a field held before it is replaced.  Fields the
loaded profile lacks (``jobName`` in a 2012 job info) read as None.
"""
from drmaa2._c import values as v
from drmaa2._c.containers import read_string, strdup
from drmaa2._fields import (BOOL, COUNT, CPU_TIME, DICT, DURATION, ENUM, ENVIRONMENT, FLOAT,
                            INT, PRIORITY, SLOTINFOS, START_TIME, STRING, STRINGS, STRUCTS,
                            TIME, VERSION)
from drmaa2.exceptions import (InternalException, UnsupportedAttributeException,
                               UnsupportedOperationException)


def data_type(struct_name):
    """The public data type class of ``struct_name`` (e.g. JobTemplate for jtemplate)."""
    return STRUCTS[struct_name].data_type


class Records(object):
    """Converts the structs of one library: its CFunctions, Containers, StructSet and
    profile; ``impl_spec_names(struct_name)`` gives the implementation-specific attribute
    names to read (cached by the Library)."""

    def __init__(self, functions, containers, structs, profile, impl_spec_names):
        self.c = functions
        self.containers = containers
        self.structs = structs
        self.profile = profile
        self.impl_spec_names = impl_spec_names
        self._specs = {}
        # Per struct, per field: (Python name, C name, function of the raw C value), so
        # that a read runs no dispatch on the kind of each field.
        self._readers = {}
        for name, struct in STRUCTS.items():
            present = set(field[0] for field in getattr(structs, name)._fields_)
            self._specs[name] = [spec for spec in struct.fields if spec.c_name in present]
            self._readers[name] = [(spec.name, spec.c_name, self._reader(spec))
                                   for spec in self._specs[name]]

    # ------------------------------------------------------------ reading
    def read(self, struct_name, address):
        """The data type instance of the struct at ``address`` (None for NULL); the struct
        is not freed."""
        if not address:
            return None
        cls = STRUCTS[struct_name].data_type
        view = getattr(self.structs, struct_name).from_address(address)
        fields = {}
        try:
            for name, c_name, reader in self._readers[struct_name]:
                fields[name] = reader(getattr(view, c_name))
        except InternalException as error:  # a value out of range: say which field
            raise InternalException("%s.%s: %s" % (STRUCTS[struct_name].type_name, name,
                                                     error))
        instance = cls(**fields)
        self._read_impl_specific(struct_name, address, instance)
        return instance

    def _reader(self, spec):
        """The function turning the raw C value of the field ``spec`` into its Python value."""
        kind = spec.kind
        direct = {STRING: read_string, STRINGS: self.containers.string_list_from_c,
                  DICT: self.containers.dict_from_c, ENVIRONMENT: self.containers.dict_from_c,
                  BOOL: v.bool_from_c,
                  COUNT: v.count_from_c, INT: v.count_from_c, TIME: v.time_from_c,
                  START_TIME: v.start_time_from_c, DURATION: v.duration_from_c,
                  FLOAT: v.float_from_c}
        if kind in direct:
            return direct[kind]
        if kind == PRIORITY:
            return lambda raw: v.count_from_c(raw, self.profile.unset_priority)
        if kind == ENUM:
            return lambda raw: v.enum_from_c(spec.enum_class, raw)
        if kind == CPU_TIME:
            return lambda raw: v.duration_from_c(raw, v.UNSET_NUM)
        if kind == VERSION:
            return lambda raw: self.read("version", raw)
        if kind == SLOTINFOS:
            return self._read_slotinfos
        raise AssertionError("unknown field kind %r" % kind)

    def _read_slotinfos(self, raw):
        if not raw:
            return None
        return [self.read("slotinfo", item) for item in self.containers.list_items(raw)]

    def _read_impl_specific(self, struct_name, address, instance):
        names = self.impl_spec_names(struct_name)
        if not names or not self.c.has("get_instance_value"):
            return
        target = instance.implementation_specific
        for name in names:
            try:
                value = self.containers.take_string(self.c.get_instance_value(
                    address, v.encode_string(name, "attribute name")))
            except UnsupportedAttributeException:
                continue  # declared for the type, but not held by this instance: unset
            if value is not None:
                target[name] = value

    # ------------------------------------------------------------ writing
    def write(self, struct_name, address, instance, unset_all=False):
        """Copy ``instance`` (its data type, or None for nothing) into the library's struct
        at ``address``.

        Fields that are None are left as the library created them, or, with
        ``unset_all`` (job info filters), set to their UNSET value.  On an error the
        struct holds what was written so far; freeing it frees that too."""
        if not STRUCTS[struct_name].writable:
            raise UnsupportedOperationException("a %s is only ever read"
                                                % STRUCTS[struct_name].type_name)
        if instance is None:
            if not unset_all:
                return
        if instance is not None:
            self._refuse_absent_fields(struct_name, instance)
        view = self.structs.view(struct_name, address)
        for spec in self._specs[struct_name]:
            value = getattr(instance, spec.name, None) if instance is not None else None
            if value is None and not unset_all:
                continue
            self._write_field(view, spec, value)
        if instance is not None:
            self._write_impl_specific(address, instance)

    def _refuse_absent_fields(self, struct_name, instance):
        present = set(spec.name for spec in self._specs[struct_name])
        for spec in STRUCTS[struct_name].fields:
            if spec.name not in present and getattr(instance, spec.name, None) is not None:
                raise UnsupportedAttributeException(
                    "%s.%s cannot be given to this DRMAA2 library: its %s has no %s field "
                    "(layout profile %s)" % (STRUCTS[struct_name].type_name, spec.name,
                                             struct_name, spec.c_name, self.profile.name))

    def _write_field(self, view, spec, value):
        c_name, kind, name = spec.c_name, spec.kind, spec.name
        if kind == STRING:
            data = v.encode_optional_string(value, name)
            self.containers.free_string(getattr(view, c_name))
            setattr(view, c_name, None)
            if data is not None:
                setattr(view, c_name, strdup(data))
        elif kind == STRINGS:
            new = None if value is None else self.containers.new_string_list(value, name)
            self.containers.free_list(getattr(view, c_name))
            setattr(view, c_name, new)
        elif kind in (DICT, ENVIRONMENT):
            new = None if value is None else self.containers.new_dict(value, name)
            self.containers.free_dict(getattr(view, c_name))
            setattr(view, c_name, new)
        elif kind == BOOL:
            setattr(view, c_name, v.bool_to_c(value, name))
        elif kind == COUNT:
            setattr(view, c_name, v.count_to_c(value, name))
        elif kind == INT:
            setattr(view, c_name, v.count_to_c(value, name, low=v.INT_MIN, high=v.INT_MAX))
        elif kind == PRIORITY:
            setattr(view, c_name, v.count_to_c(value, name, unset=self.profile.unset_priority))
        elif kind == ENUM:
            setattr(view, c_name, v.enum_to_c(spec.enum_class, value, name))
        elif kind in (TIME, START_TIME):
            setattr(view, c_name, v.time_to_c(value, name))
        elif kind == DURATION:
            setattr(view, c_name, v.duration_to_c(value, name))
        elif kind == CPU_TIME:
            setattr(view, c_name, v.duration_to_c(value, name, unset=v.UNSET_NUM))
        else:
            raise AssertionError("field %s of kind %r cannot be written" % (c_name, kind))

    def _write_impl_specific(self, address, instance):
        attributes = getattr(instance, "implementation_specific", None)
        if not attributes:
            return
        for name, value in sorted(attributes.items()):
            self.c.set_instance_value(
                address, v.encode_string(name, "implementation-specific attribute name"),
                v.encode_optional_string(value, "implementation-specific attribute %s" % name))
