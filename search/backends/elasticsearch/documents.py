"""The one Elasticsearch document type: a live public page with what search shows and filters."""

from elasticsearch.dsl import Date, Document, Integer, Keyword, Text

from . import index_alias
from .analysis import persian, persian_all_words

#: How much more a word in the title counts than one in the body (``Page.title`` has boost 2).
TITLE_BOOST = 2


def _text():
    # ``text`` scores without stop words; ``text.all`` matches every word.
    return Text(analyzer=persian, fields={"all": Text(analyzer=persian_all_words)})


class PageDocument(Document):
    page_id = Integer()
    type = Keyword()
    #: The page's locale, ``fa`` or ``en``: every search reads one language.
    language = Keyword()
    title = _text()
    body = _text()
    suggest = Text(analyzer=persian_all_words)
    tags = Keyword(multi=True)
    year = Integer()
    district = Integer()
    district_name = Keyword()
    date = Date()

    class Index:
        name = index_alias()
        settings = {"number_of_shards": 1, "number_of_replicas": 0}

    @classmethod
    def index_for(cls, name):
        """The index definition (settings, analysis, mappings) under a concrete ``name``."""
        return cls._index.clone(name=name)
