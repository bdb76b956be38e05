"""The protobuf schema of a metadata file, with the library's keyword vocabulary.

The message layout is bundled as a FileDescriptorProto in text form
(``paper_info.descriptor.textproto``); the values of the keyword enum are the
library's own (``[keywords]`` in papershelf.toml), so a curator adds a keyword
without touching code.  Descriptor pools are cached per vocabulary.
"""

from __future__ import annotations

import functools
import re
from importlib import resources

from papershelf.core.errors import PapershelfError

KEYWORD_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
# Names that would clash with symbols declared next to the enum values in message Keyword.
RESERVED_KEYWORD_NAMES = frozenset({"words", "Word"})
# A proto2 enum needs one value at least; this one stands in for an empty vocabulary.
NO_KEYWORDS_PLACEHOLDER = "papershelf_no_keywords"


def is_keyword_name(name: str) -> bool:
    return bool(KEYWORD_NAME.match(name)) and name not in RESERVED_KEYWORD_NAMES


def check_keyword_name(name: str) -> None:
    if not is_keyword_name(name):
        raise PapershelfError(
            f"keyword name {name!r} cannot be used: it must be a letter or '_' followed by "
            "letters, digits or '_', and not 'words' or 'Word'"
        )


@functools.lru_cache(maxsize=1)
def _base_descriptor_text() -> str:
    return (resources.files("papershelf.library") / "paper_info.descriptor.textproto").read_text("utf-8")


@functools.lru_cache(maxsize=16)
def paper_info_class(vocabulary: tuple[str, ...]):
    """The generated ``PaperInfo`` message class whose keyword enum holds ``vocabulary``."""
    # protobuf is imported here, not at the top: a build or a search that finds no new file
    # should not spend 30 ms importing it.
    from google.protobuf import descriptor_pb2, descriptor_pool, message_factory, text_format

    for name in vocabulary:
        check_keyword_name(name)
    file_proto = text_format.Parse(_base_descriptor_text(), descriptor_pb2.FileDescriptorProto())
    keyword = next(m for m in file_proto.message_type if m.name == "Keyword")
    word_enum = keyword.enum_type[0]
    for number, name in enumerate(vocabulary or (NO_KEYWORDS_PLACEHOLDER,), start=1):
        word_enum.value.add(name=name, number=number)
    pool = descriptor_pool.DescriptorPool()
    pool.Add(file_proto)
    return message_factory.GetMessageClass(pool.FindMessageTypeByName("efficient_paper.PaperInfo"))
