"""Development tools outside the runtime package: synthetic data (`python -m geo synth`) and the basemap build. They import geo; geo never imports them."""
