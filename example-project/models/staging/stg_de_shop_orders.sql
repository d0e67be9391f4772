-- The German shop's own ERP export: ';'-separated, decimal commas, Windows-1252 (see mds seed --show-schema).
select
    'DE' as market,
    "Bestellnr" as order_no,
    "Kundennr" as member_no,
    "Kunde" as customer_name,
    "Bestelldatum" as order_date,
    "Betrag" as amount_eur,
    "PLZ" as postcode,
    "Bemerkung" as note
from {{ ref('de_shop_orders') }}
