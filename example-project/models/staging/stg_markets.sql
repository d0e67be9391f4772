select
    upper(market) as market,
    country,
    currency,
    cast(eur_rate as decimal(12, 6)) as eur_rate
from {{ ref('markets') }}
