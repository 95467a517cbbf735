"""The demo city «شهرداری نمونه»: content in ``demo_city.jsonl``, structure in ``directory.json``."""
