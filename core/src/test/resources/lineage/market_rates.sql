unpivot {{ ref('markets') }}
on eur_rate, usd_rate
into name currency value rate
