<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="it_IT">
  <context>
    <name>SenseTrack</name>
    <message>
      <source> Leave empty for the recommended starting point: {0} for windowed results (phase correlation, NCC), {1} for dense results (Farnebäck, ILK, TV-L1).</source>
      <translation> Lasciare vuoto per usare il punto di partenza consigliato: {0} per i risultati dei metodi a finestra (correlazione di fase, NCC), {1} per i risultati densi (Farnebäck, ILK, TV-L1).</translation>
    </message>
    <message>
      <source>0 = off. N &gt; 0: first track images reduced 2^N times with the same window (so it covers 2^N times more ground; phase correlation for both methods), then shift each full-resolution target window by the interpolated coarse offset. Use it when the motion is larger than about a quarter of the window (phase) or than the search range (NCC).</source>
      <translation>0 = disattivato. N &gt; 0: prima esegue il tracciamento sulle immagini ridotte di 2^N volte con la stessa finestra (che copre quindi 2^N volte più terreno; correlazione di fase per entrambi i metodi), poi trasla ogni finestra target a piena risoluzione dell'offset grossolano interpolato. Usarlo quando il movimento supera circa un quarto della finestra (correlazione di fase) o l'intervallo di ricerca (NCC).</translation>
    </message>
    <message>
      <source>0: estimated from the mean incidence angle for square ground pixels.</source>
      <translation>0: stimato dall'angolo di incidenza medio per ottenere pixel quadrati al suolo.</translation>
    </message>
    <message>
      <source>1 = the 8 neighbours of a 3x3 neighbourhood.</source>
      <translation>1 = gli 8 vicini di un intorno 3x3.</translation>
    </message>
    <message>
      <source>1 if a significant acceleration was found, else 0</source>
      <translation>1 se è stata rilevata un'accelerazione significativa, altrimenti 0</translation>
    </message>
    <message>
      <source>1-sigma of DX per date</source>
      <translation>1 sigma di DX per data</translation>
    </message>
    <message>
      <source>1-sigma of DY per date</source>
      <translation>1 sigma di DY per data</translation>
    </message>
    <message>
      <source>1-sigma of the failure time, days</source>
      <translation>1 sigma del tempo di rottura, giorni</translation>
    </message>
    <message>
      <source>&lt;p&gt;&lt;b&gt;Input&lt;/b&gt;: a SenseTrack displacement result, raster (bands DX, DY, MAGNITUDE, DIRECTION, …) or GeoPackage points (fields DX, DY, …); other layers are refused. &lt;b&gt;Output&lt;/b&gt;: the same format, DX/DY (east/north, map units), MAGNITUDE and DIRECTION (degrees clockwise from north) recomputed, other bands carried over. Write it as a raster (OUTPUT), as points (OUTPUT_POINTS), or both. Every step is recorded in the SENSETRACK_HISTORY metadata used by the report.&lt;/p&gt;</source>
      <translation>&lt;p&gt;&lt;b&gt;Input&lt;/b&gt;: un risultato di spostamento di SenseTrack, raster (bande DX, DY, MAGNITUDE, DIRECTION, …) o punti GeoPackage (campi DX, DY, …); gli altri layer vengono rifiutati. &lt;b&gt;Output&lt;/b&gt;: lo stesso formato, con DX/DY (est/nord, unità di mappa), MAGNITUDE e DIRECTION (gradi in senso orario dal nord) ricalcolati e le altre bande riportate invariate. Il risultato può essere scritto come raster (OUTPUT), come punti (OUTPUT_POINTS) o in entrambi i formati. Ogni passaggio viene registrato nei metadati SENSETRACK_HISTORY usati dal rapporto.&lt;/p&gt;</translation>
    </message>
    <message>
      <source>&lt;p&gt;&lt;b&gt;Output&lt;/b&gt;: a float32 GeoTIFF on the reference grid with bands DX (positive east), DY (positive north), MAGNITUDE (&amp;ge; 0) and DIRECTION (azimuth of the motion, degrees clockwise from north), in the map units of the reference CRS (metres for projected CRS). Displacement is the position in the target minus the position in the reference. NaN is nodata, wherever either input is nodata. When neither raster is georeferenced the results are in pixels (DY positive up the image).&lt;/p&gt;&lt;p&gt;Both rasters must be on the same grid (same CRS, extent and pixel size).&lt;/p&gt;</source>
      <translation>&lt;p&gt;&lt;b&gt;Output&lt;/b&gt;: un GeoTIFF float32 sulla griglia dell'immagine di riferimento con le bande DX (positiva verso est), DY (positiva verso nord), MAGNITUDE (&amp;ge; 0) e DIRECTION (azimut del movimento, gradi in senso orario dal nord), nelle unità di mappa del SR dell'immagine di riferimento (metri per i SR proiettati). Lo spostamento è la posizione nell'immagine target meno la posizione nell'immagine di riferimento. NaN indica nodata, ovunque almeno uno dei due input sia nodata. Se nessuno dei due raster è georeferenziato, i risultati sono in pixel (DY positivo verso l'alto dell'immagine).&lt;/p&gt;&lt;p&gt;I due raster devono essere sulla stessa griglia (stesso SR, estensione e dimensione del pixel).&lt;/p&gt;</translation>
    </message>
    <message>
      <source>&lt;p&gt;&lt;b&gt;Output&lt;/b&gt;: a float32 GeoTIFF with one pixel per window, on the STEP grid: each output pixel is centred on its window's centre (window top-left corners at 0, STEP, 2*STEP... pixels of the reference). Bands DX (positive east), DY (positive north), MAGNITUDE (&amp;ge; 0), DIRECTION (azimuth of the motion, degrees clockwise from north) in the map units of the reference CRS, COL_SHIFT / ROW_SHIFT in pixels (right / down), and the quality bands PEAK (normalised correlation at the peak, -1..1), SNR and, for phase correlation, NRMS. Displacement is the position in the target minus the position in the reference, as for the dense trackers. NaN is nodata: a window touching nodata in either image has no result (never 0); a textureless window has NaN offsets and PEAK 0. The optional point layer holds the same values at the window centres.&lt;/p&gt;&lt;p&gt;Both rasters must be on the same grid (same CRS, extent and pixel size). Large scenes are processed by tiles with bounded memory on two threads.&lt;/p&gt;</source>
      <translation>&lt;p&gt;&lt;b&gt;Output&lt;/b&gt;: un GeoTIFF float32 con un pixel per finestra, sulla griglia di passo STEP: ogni pixel di output è centrato sul centro della propria finestra (angoli superiori sinistri delle finestre a 0, STEP, 2*STEP... pixel dell'immagine di riferimento). Bande DX (positiva verso est), DY (positiva verso nord), MAGNITUDE (&amp;ge; 0), DIRECTION (azimut del movimento, gradi in senso orario dal nord) nelle unità di mappa del SR dell'immagine di riferimento, COL_SHIFT / ROW_SHIFT in pixel (verso destra / verso il basso) e le bande di qualità PEAK (correlazione normalizzata al picco, -1..1), SNR e, per la correlazione di fase, NRMS. Lo spostamento è la posizione nell'immagine target meno la posizione nell'immagine di riferimento, come per i metodi densi. NaN indica nodata: una finestra che tocca dati nodata in una delle due immagini non ha risultato (mai 0); una finestra priva di tessitura ha offset NaN e PEAK 0. Il layer di punti opzionale contiene gli stessi valori nei centri delle finestre.&lt;/p&gt;&lt;p&gt;I due raster devono essere sulla stessa griglia (stesso SR, estensione e dimensione del pixel). Le scene di grandi dimensioni vengono elaborate a tile, con memoria limitata, su due thread.&lt;/p&gt;</translation>
    </message>
    <message>
      <source>&lt;p&gt;&lt;b&gt;lee&lt;/b&gt;: Lee speckle filter for SAR amplitude or intensity: homogeneous areas are smoothed to their local mean while edges and point targets are kept, according to the equivalent number of looks. &lt;b&gt;svd&lt;/b&gt;: the original library's patch-wise low-rank denoise (each patch replaced by its truncated SVD, overlapping patches blended), for noisy optical images.&lt;/p&gt;</source>
      <translation>&lt;p&gt;&lt;b&gt;lee&lt;/b&gt;: filtro speckle di Lee per ampiezza o intensità SAR: le aree omogenee vengono livellate sulla loro media locale, mentre i bordi e i bersagli puntiformi vengono preservati, in base al numero equivalente di look. &lt;b&gt;svd&lt;/b&gt;: la riduzione del rumore a basso rango per riquadri (patch) della libreria originale (ogni riquadro viene sostituito dalla sua SVD troncata e i riquadri sovrapposti vengono fusi), per immagini ottiche rumorose.&lt;/p&gt;</translation>
    </message>
    <message>
      <source>&lt;p&gt;COSMO-SkyMed (CSK or CSG) SCS_B to a calibrated, multilooked, terrain-corrected GeoTIFF in dB with SNAP (dB after multilooking, so averaging is done on intensities). Looks are estimated from the near/far incidence angles for square ground pixels (2 azimuth looks) unless given.&lt;/p&gt;</source>
      <translation>&lt;p&gt;Da COSMO-SkyMed (CSK o CSG) SCS_B a un GeoTIFF in dB calibrato, con multilooking e con correzione del terreno (terrain correction), tramite SNAP (la conversione in dB avviene dopo il multilooking, quindi la media viene calcolata sulle intensità). Se non indicati, i look vengono stimati dagli angoli di incidenza near/far per ottenere pixel quadrati al suolo (2 look in azimut).&lt;/p&gt;</translation>
    </message>
    <message>
      <source>&lt;p&gt;Chooses the pairs of images to track for a displacement time series: every pair within the minimum and maximum temporal baseline, optionally from the same season only and at most N per image, always with the consecutive pairs. Writes the pair table (CSV: name, reference, target, reference_date, target_date, baseline_days; the input of sensetrack:trackpairs, loadable as a table layer) and a picture of the network (dates on the time axis, one arc per pair, coloured by connected group).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Dates&lt;/b&gt; come, in this order, from the metadata SenseTrack's readers write (e.g. SENSETRACK_ACQUISITION_DATE, ACQUISITION_START_TIME), from the Sentinel-1/2, Landsat, COSMO-SkyMed, PRISMA or PlanetScope file-name conventions, from a YYYYMMDD or YYYY-MM-DD in the file name, or from the optional date table (CSV: path or file name, date). An image without a date stops the run with its name.&lt;/p&gt;&lt;p&gt;When the pairs split the dates into several disconnected groups, a warning names them: the time series cannot measure the motion between groups, only bridge it through its regularisation.&lt;/p&gt;</source>
      <translation>&lt;p&gt;Sceglie le coppie di immagini su cui eseguire il tracciamento per una serie temporale di spostamenti: tutte le coppie comprese tra la baseline temporale minima e quella massima, eventualmente solo della stessa stagione e al massimo N per immagine, includendo sempre le coppie consecutive. Scrive la tabella delle coppie (CSV: name, reference, target, reference_date, target_date, baseline_days; l'input di sensetrack:trackpairs, caricabile come layer tabellare) e un'immagine della rete (date sull'asse dei tempi, un arco per coppia, colorato in base al gruppo connesso).&lt;/p&gt;&lt;p&gt;Le &lt;b&gt;date&lt;/b&gt; vengono lette, in quest'ordine, dai metadati scritti dai lettori di SenseTrack (ad es. SENSETRACK_ACQUISITION_DATE, ACQUISITION_START_TIME), dalle convenzioni di denominazione dei file Sentinel-1/2, Landsat, COSMO-SkyMed, PRISMA o PlanetScope, da una data YYYYMMDD o YYYY-MM-DD nel nome del file oppure dalla tabella delle date opzionale (CSV: percorso o nome del file, data). Un'immagine senza data interrompe l'esecuzione, indicandone il nome.&lt;/p&gt;&lt;p&gt;Quando le coppie dividono le date in più gruppi non connessi, un avviso li elenca: la serie temporale non può misurare il movimento tra i gruppi, ma solo raccordarlo tramite la regolarizzazione.&lt;/p&gt;</translation>
    </message>
    <message>
      <source>&lt;p&gt;Combines bands into one band to track. With no BANDS chosen: the luminance of bands 1-3 taken as red, green, blue (0.299 R + 0.587 G + 0.114 B, ITU-R BT.601; the mean of the bands when there are fewer than three). With BANDS: their weighted sum (WEIGHTS, comma-separated, one per band) or their mean. A pixel is nodata where any band used is nodata.&lt;/p&gt;</source>
      <translation>&lt;p&gt;Combina più bande in un'unica banda da usare per il tracciamento. Se non viene scelta alcuna banda in BANDS: la luminanza delle bande 1-3 considerate come rosso, verde e blu (0,299 R + 0,587 G + 0,114 B, ITU-R BT.601; la media delle bande se sono meno di tre). Con BANDS: la loro somma pesata (WEIGHTS, separati da virgola, uno per banda) o la loro media. Un pixel è nodata dove almeno una delle bande usate è nodata.&lt;/p&gt;</translation>
    </message>
    <message>
      <source>&lt;p&gt;Contrast-limited adaptive histogram equalisation (OpenCV): histograms are equalised per tile, limited by the clip limit and blended between tiles. Brings out texture in shadows and bright snow. Float and 16-bit data are first mapped to 16 bits between their 0.1 and 99.9 percentiles, so their dynamic range is kept (the original library's float CLAHE returned a constant image). Output 0-1.&lt;/p&gt;</source>
      <translation>&lt;p&gt;Equalizzazione adattiva dell'istogramma a contrasto limitato (OpenCV): gli istogrammi vengono equalizzati per tile, limitati dal limite di contrasto (clip limit) e fusi tra i tile. Fa emergere la tessitura nelle ombre e sulla neve luminosa. I dati float e a 16 bit vengono prima riportati su 16 bit tra i loro percentili 0,1 e 99,9, così da preservarne la gamma dinamica (il CLAHE per dati float della libreria originale restituiva un'immagine costante). Output 0-1.&lt;/p&gt;</translation>
    </message>
    <message>
      <source>&lt;p&gt;Dense displacement for every pixel with OpenCV's Farnebäck polynomial-expansion optical flow. Fast; a pyramid follows motions of many pixels. Use it for smooth, coherent motion such as landslide bodies; increase the window size on noisy images.&lt;/p&gt;</source>
      <translation>&lt;p&gt;Spostamento denso per ogni pixel con il flusso ottico a espansione polinomiale di Farnebäck di OpenCV. Veloce; la piramide permette di seguire movimenti di molti pixel. Adatto a movimenti regolari e coerenti, come quelli dei corpi di frana; su immagini rumorose aumentare la dimensione della finestra.&lt;/p&gt;</translation>
    </message>
    <message>
      <source>&lt;p&gt;Dense displacement with scikit-image's TV-L1 variational optical flow: robust to noise and outliers, keeps sharp motion boundaries (e.g. the edge of a landslide). Lower attachment gives smoother fields.&lt;/p&gt;</source>
      <translation>&lt;p&gt;Spostamento denso con il flusso ottico variazionale TV-L1 di scikit-image: robusto al rumore e ai valori anomali, preserva i bordi netti del movimento (ad es. il limite di una frana). Valori più bassi di aderenza ai dati (attachment) producono campi più regolari.&lt;/p&gt;</translation>
    </message>
    <message>
      <source>&lt;p&gt;Dense displacement with scikit-image's iterative Lucas-Kanade: a local window is registered around each pixel and the target warped repeatedly. Best for small (a few pixels), smooth motion; the window radius trades detail against robustness.&lt;/p&gt;</source>
      <translation>&lt;p&gt;Spostamento denso con il metodo Lucas-Kanade iterativo di scikit-image: attorno a ogni pixel viene registrata una finestra locale e l'immagine target viene deformata ripetutamente. Ideale per movimenti piccoli (pochi pixel) e regolari; il raggio della finestra bilancia dettaglio e robustezza.&lt;/p&gt;</translation>
    </message>
    <message>
      <source>&lt;p&gt;Displacement on a regular grid of windows by phase correlation in the frequency domain. Each window is mean-removed and tapered (apodisation), the cross-power spectrum of the reference and target windows is normalised (phase-only or partially), its inverse FFT gives the integer peak, and an upsampled matrix DFT around the peak followed by a local quadratic fit gives the sub-pixel offset (precision 1/UPSAMPLING px, not quantised). Robust to illumination changes; use it for optical images and amplitude SAR. Motions beyond about a quarter of the window need coarse-to-fine (PYRAMID_LEVELS) or a larger window.&lt;/p&gt;</source>
      <translation>&lt;p&gt;Spostamento su una griglia regolare di finestre mediante correlazione di fase nel dominio della frequenza. A ogni finestra viene sottratta la media e applicata un'attenuazione ai bordi (apodizzazione); lo spettro di potenza incrociato delle finestre di riferimento e target viene normalizzato (solo fase o parzialmente), la sua FFT inversa fornisce il picco intero e una DFT matriciale sovracampionata attorno al picco, seguita da un adattamento quadratico locale, fornisce l'offset subpixel (precisione 1/UPSAMPLING px, non quantizzata). Robusta ai cambiamenti di illuminazione; adatta a immagini ottiche e ad ampiezze SAR. Movimenti superiori a circa un quarto della finestra richiedono l'approccio multiscala (coarse-to-fine, PYRAMID_LEVELS) o una finestra più grande.&lt;/p&gt;</translation>
    </message>
    <message>
      <source>&lt;p&gt;Displacement on a regular grid of windows by zero-mean normalised cross-correlation: each reference chip (WINDOW_SIZE) is searched for in the target within SEARCH_RANGE pixels, the field's standard (autoRIFT, IMCORR, ampcor). The correlation numerator is computed by FFT and the normalisation by summed-area tables (fast NCC). Sub-pixel: the numerator is interpolated exactly from its spectrum (matrix DFT) on a 1/UPSAMPLING px grid around the peak, then a quadratic fit; measured peak-locking bias below 0.02 px (scripts/bench_correlation.py). Windows whose match runs within 2 px of nodata or the image edge, or whose peak lies on the edge of the search range, are NaN.&lt;/p&gt;</source>
      <translation>&lt;p&gt;Spostamento su una griglia regolare di finestre mediante correlazione incrociata normalizzata a media nulla: ogni finestra (chip) di riferimento (WINDOW_SIZE) viene cercata nell'immagine target entro SEARCH_RANGE pixel, il metodo standard del settore (autoRIFT, IMCORR, ampcor). Il numeratore della correlazione viene calcolato tramite FFT e la normalizzazione tramite tabelle delle aree cumulate (summed-area table; NCC veloce). Subpixel: il numeratore viene interpolato esattamente dal suo spettro (DFT matriciale) su una griglia di passo 1/UPSAMPLING px attorno al picco, seguito da un adattamento quadratico; il bias di peak-locking misurato è inferiore a 0,02 px (scripts/bench_correlation.py). Le finestre la cui corrispondenza cade entro 2 px da dati nodata o dal bordo dell'immagine, o il cui picco si trova sul bordo dell'intervallo di ricerca, sono NaN.&lt;/p&gt;</translation>
    </message>
    <message>
      <source>&lt;p&gt;Divides the displacement by the time between the two acquisitions and adds the bands VX (east), VY (north), VELOCITY (&amp;ge; 0) in metres (map units) per day or per year (365.25 days), UNIT = m/day | m/year; DIRECTION is carried over, and SIGMA_DX/SIGMA_DY/ERROR (from the stable-ground correction) become SIGMA_VX, SIGMA_VY, VELOCITY_ERROR. All input bands are kept.&lt;/p&gt;&lt;p&gt;Dates (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS) are taken from the parameters, else from the result's SENSETRACK_REFERENCE_DATE/SENSETRACK_TARGET_DATE metadata, else from the acquisition metadata or the names of the tracked files (e.g. …_20230105T170012_…). The reference date must be the earlier.&lt;/p&gt;</source>
      <translation>&lt;p&gt;Divide lo spostamento per l'intervallo di tempo tra le due acquisizioni e aggiunge le bande VX (est), VY (nord), VELOCITY (&amp;ge; 0) in metri (unità di mappa) al giorno o all'anno (365,25 giorni), UNIT = m/day | m/year; DIRECTION viene mantenuta, mentre SIGMA_DX/SIGMA_DY/ERROR (dalla correzione sul terreno stabile) diventano SIGMA_VX, SIGMA_VY, VELOCITY_ERROR. Tutte le bande di input vengono mantenute.&lt;/p&gt;&lt;p&gt;Le date (YYYY-MM-DD o YYYY-MM-DDTHH:MM:SS) vengono lette dai parametri, altrimenti dai metadati SENSETRACK_REFERENCE_DATE/SENSETRACK_TARGET_DATE del risultato, altrimenti dai metadati di acquisizione o dai nomi dei file di input del tracciamento (ad es. …_20230105T170012_…). La data di riferimento deve essere la precedente.&lt;/p&gt;</translation>
    </message>
    <message>
      <source>&lt;p&gt;Estimates the residual co-registration offset on ground that did not move and removes it from the whole result: a constant (median, the default), a plane or a quadratic surface (robust least squares, MODEL = median | plane | quadratic). The stable ground is inside the polygons of a polygon layer, or where a raster mask is non-zero; tick 'Stable ground is outside the mask' to use everything outside (e.g. outside the landslide).&lt;/p&gt;&lt;p&gt;Reports the stable-ground median, NMAD (1.4826 x median absolute deviation), RMSE and count of DX and DY before and after (log, output numbers and optional table), and adds per-vector uncertainty bands SIGMA_DX, SIGMA_DY (1 sigma, map units) and ERROR = hypot(SIGMA_DX, SIGMA_DY). The error model takes the relative error of each vector from its correlation PEAK (sqrt(1-p^2)/p) or SNR (uniform for dense trackers) and scales it so that 68.27 % of the stable-ground errors fall inside +-1 sigma, plus the standard error of the removed bias.&lt;/p&gt;</source>
      <translation>&lt;p&gt;Stima l'offset residuo di coregistrazione sul terreno che non si è mosso e lo rimuove dall'intero risultato: una costante (mediana, impostazione predefinita), un piano o una superficie quadratica (minimi quadrati robusti, MODEL = median | plane | quadratic). Il terreno stabile è quello all'interno dei poligoni di un layer poligonale, oppure dove una maschera raster è diversa da zero; selezionare 'Terreno stabile esterno alla maschera' per usare tutto ciò che si trova all'esterno (ad es. fuori dalla frana).&lt;/p&gt;&lt;p&gt;Riporta mediana, NMAD (1,4826 x deviazione assoluta mediana), RMSE e numero di vettori di DX e DY sul terreno stabile prima e dopo la correzione (nel log, negli output numerici e nella tabella opzionale) e aggiunge per ogni vettore le bande di incertezza SIGMA_DX, SIGMA_DY (1 sigma, unità di mappa) ed ERROR = hypot(SIGMA_DX, SIGMA_DY). Il modello d'errore ricava l'errore relativo di ogni vettore dal suo PEAK di correlazione (sqrt(1-p^2)/p) o dall'SNR (uniforme per i metodi densi) e lo scala in modo che il 68,27 % degli errori sul terreno stabile ricada entro +-1 sigma, sommandovi l'errore standard del bias rimosso.&lt;/p&gt;</translation>
    </message>
    <message>
      <source>&lt;p&gt;Exports the quicklook image stored in the product (/S01/QLK): PNG when the output name ends in .png, otherwise GeoTIFF with the product corners as ground control points.&lt;/p&gt;&lt;p&gt;Reference: ASI (2019) COSMO-SkyMed SAR Products Handbook; ASI COSMO-SkyMed Second Generation Products Specification.&lt;/p&gt;</source>
      <translation>&lt;p&gt;Esporta l'immagine di anteprima (quicklook) memorizzata nel prodotto (/S01/QLK): PNG se il nome dell'output termina in .png, altrimenti GeoTIFF con gli angoli del prodotto come punti di controllo a terra.&lt;/p&gt;&lt;p&gt;Riferimento bibliografico: ASI (2019) COSMO-SkyMed SAR Products Handbook; ASI COSMO-SkyMed Second Generation Products Specification.&lt;/p&gt;</translation>
    </message>
    <message>
      <source>&lt;p&gt;Global histogram equalisation: each value is replaced by the fraction of valid pixels below it (0-1), which flattens the histogram. Works on any data type (8/16-bit, float).&lt;/p&gt;</source>
      <translation>&lt;p&gt;Equalizzazione globale dell'istogramma: ogni valore viene sostituito dalla frazione di pixel validi inferiori a esso (0-1), il che appiattisce l'istogramma. Funziona con qualsiasi tipo di dato (8/16 bit, float).&lt;/p&gt;</translation>
    </message>
    <message>
      <source>&lt;p&gt;Inverse-velocity analysis of an accelerating slope (Fukuzono 1985) from a SenseTrack time series (cumulative DX/DY rasters, one band per date): the displacement at a POINT, or its median over the polygons of AREA, gives the horizontal speed between consecutive dates; 1/speed is plotted against time and a straight line is fitted on the last accelerating part, whose start is chosen objectively (a one-breakpoint regression: steady creep, then 1/v linear in time). The time at which the line reaches 1/v = 0 is the indicated failure time, given with its 1-sigma (from the fit's covariance) and 95 % interval. A part that does not accelerate significantly (F-test against a constant speed) gives no time.&lt;/p&gt;&lt;p&gt;Outputs: a CSV table (date, speed, 1/speed, whether fitted, the fitted line, then the results as '# key' rows) and a PNG or HTML plot.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Warning&lt;/b&gt;: The inverse-velocity failure time is an indicator of accelerating motion, not a prediction to act on alone: real slopes deviate from the linear 1/v law (alpha != 2, pauses, rain-driven episodes, measurement noise), the predicted time moves as data arrive and is often early or late by days to weeks. Use it with field observations, other monitoring and expert judgement.&lt;/p&gt;&lt;p&gt;Reference: Fukuzono, T. (1985) A new method for predicting the failure time of a slope. Proc. 4th International Conference and Field Workshop on Landslides, Tokyo, 145-150.&lt;/p&gt;</source>
      <translation>&lt;p&gt;Analisi della velocità inversa di un versante in accelerazione (Fukuzono 1985) a partire da una serie temporale di SenseTrack (raster cumulativi DX/DY, una banda per data): lo spostamento in un punto (POINT), o la sua mediana sui poligoni di AREA, fornisce la velocità orizzontale tra date consecutive; l'inverso della velocità (1/velocità) viene rappresentato in funzione del tempo e una retta viene adattata sull'ultimo tratto in accelerazione, il cui inizio viene scelto in modo oggettivo (una regressione con un solo punto di rottura: creep stazionario, poi 1/v lineare nel tempo). L'istante in cui la retta raggiunge 1/v = 0 è il tempo di rottura indicato, fornito con il suo 1 sigma (dalla covarianza dell'adattamento) e con l'intervallo al 95 %. Un tratto che non accelera in modo significativo (test F rispetto a una velocità costante) non fornisce alcun tempo.&lt;/p&gt;&lt;p&gt;Output: una tabella CSV (data, velocità, 1/velocità, inclusione nell'adattamento, retta adattata, poi i risultati come righe '# chiave') e un grafico PNG o HTML.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Avvertenza&lt;/b&gt;: il tempo di rottura ricavato dalla velocità inversa è un indicatore di moto in accelerazione, non una previsione su cui basare da sola delle decisioni: i versanti reali si discostano dalla legge lineare di 1/v (alpha != 2, pause, episodi innescati dalle piogge, rumore di misura), il tempo previsto cambia man mano che arrivano nuovi dati ed è spesso in anticipo o in ritardo di giorni o settimane. Usarlo insieme alle osservazioni di campo, ad altri sistemi di monitoraggio e al giudizio esperto.&lt;/p&gt;&lt;p&gt;Riferimento bibliografico: Fukuzono, T. (1985) A new method for predicting the failure time of a slope. Proc. 4th International Conference and Field Workshop on Landslides, Tokyo, 145-150.&lt;/p&gt;</translation>
    </message>
    <message>
      <source>&lt;p&gt;Local mean and variance normalisation: (x - local mean) / local standard deviation over a square window. The standard pre-filter of autoRIFT: it removes illumination and contrast differences between the two dates while keeping the texture the trackers follow. Output is a unitless local z-score.&lt;/p&gt;</source>
      <translation>&lt;p&gt;Normalizzazione locale di media e varianza: (x - media locale) / deviazione standard locale su una finestra quadrata. È il prefiltro standard di autoRIFT: rimuove le differenze di illuminazione e di contrasto tra le due date, preservando la tessitura seguita dagli algoritmi di tracciamento. L'output è uno z-score locale adimensionale.&lt;/p&gt;</translation>
    </message>
    <message>
      <source>&lt;p&gt;Needs ESA SNAP: SenseTrack looks for gpt in Processing &gt; Options &gt; Providers &gt; SenseTrack &gt; 'SNAP gpt executable', then the SNAP_GPT environment variable, then PATH and the standard install folders. gpt runs as a separate process: progress is shown, Cancel stops it (and its Java children), its error message is reported, and the output appears only when gpt succeeded. Java memory: MEMORY (e.g. 8G, passed as _JAVA_OPTIONS -Xmx); tile cache: CACHE (gpt -c); threads: THREADS (gpt -q).&lt;/p&gt;</source>
      <translation>&lt;p&gt;Richiede ESA SNAP: SenseTrack cerca gpt in Processing &gt; Opzioni &gt; Provider &gt; SenseTrack &gt; 'SNAP gpt executable', poi nella variabile d'ambiente SNAP_GPT, poi nel PATH e nelle cartelle di installazione standard. gpt viene eseguito come processo separato: l'avanzamento viene mostrato, Annulla lo interrompe (insieme ai suoi processi Java figli), il suo messaggio di errore viene riportato e l'output compare solo se gpt è terminato correttamente. Memoria Java: MEMORY (ad es. 8G, passato come _JAVA_OPTIONS -Xmx); cache dei tile: CACHE (gpt -c); thread: THREADS (gpt -q).&lt;/p&gt;</translation>
    </message>
    <message>
      <source>&lt;p&gt;Nodata pixels (the file's nodata value or mask, or NODATA) are left out of every statistic and neighbourhood and stay nodata in the output (NaN in float32). The scene is processed block by block with the overlap the filter needs, so memory stays bounded and the result does not depend on the block size. The output is on the input grid; chain it into a tracker or use the trackers' PREPROCESSING option.&lt;/p&gt;</source>
      <translation>&lt;p&gt;I pixel nodata (il valore nodata o la maschera del file, oppure NODATA) sono esclusi da ogni statistica e da ogni intorno e restano nodata nell'output (NaN in float32). La scena viene elaborata blocco per blocco con la sovrapposizione necessaria al filtro, così la memoria resta limitata e il risultato non dipende dalla dimensione dei blocchi. L'output è sulla griglia dell'input; concatenarlo a un algoritmo di tracciamento oppure usare l'opzione PREPROCESSING degli algoritmi di tracciamento.&lt;/p&gt;</translation>
    </message>
    <message>
      <source>&lt;p&gt;Optical offset tracking measures horizontal motion. Assuming the ground slides parallel to its surface, a DEM gives the vertical component and the displacement along the slope. The DEM (any CRS and resolution) is put on the result's grid by averaging it over each cell, and its slope is smoothed over SMOOTHING map units (use about the tracking window).&lt;/p&gt;&lt;p&gt;Added bands (all input bands are kept): SLOPE and ASPECT (downslope azimuth, degrees clockwise from north) of the DEM; DZ = DX*dz/dx + DY*dz/dy (map units, negative when moving downhill); MAGNITUDE_3D = sqrt(DX^2+DY^2+DZ^2); ALONG_SLOPE = displacement along the downslope line of the surface (positive downslope); PLUNGE (degrees below the horizontal); DOWNSLOPE_ANGLE (degrees between the motion and the downslope direction, 0 = downhill, 180 = uphill); SIGMA_DZ and SIGMA_MAGNITUDE_3D (1 sigma, from SIGMA_DX/SIGMA_DY and the DEM slope error) when the input has SIGMA_DX/SIGMA_DY. A velocity result also gets VZ, VELOCITY_3D, VELOCITY_ALONG_SLOPE, SIGMA_VZ, SIGMA_VELOCITY_3D.&lt;/p&gt;&lt;p&gt;Where the model is not valid the MASK band says so per vector (bits added to those of filteroffsets): 256 slope below MIN_SLOPE (flat ground: the vertical component is meaningless), 512 motion more than MAX_ANGLE from downslope, 1024 no DEM value. Flagged vectors keep their values.&lt;/p&gt;&lt;p&gt;Time series (one band per date, SENSETRACK_KIND=timeseries): give the DX or the DY file as INPUT (the other is found beside it, or give it as INPUT_DY); OUTPUT is the DZ time series, written with &amp;lt;name&amp;gt;_MAGNITUDE_3D, &amp;lt;name&amp;gt;_ALONG_SLOPE, &amp;lt;name&amp;gt;_MASK (one band per date) and &amp;lt;name&amp;gt;_TERRAIN (SLOPE, ASPECT) beside it.&lt;/p&gt;&lt;p&gt;Validity: surface-parallel sliding fits translational slides on planar slip surfaces. It is wrong for rotational slides (the head moves down more steeply, the toe bulges up), flows that thicken or thin, subsidence, rock fall and glaciers (emergence/submergence velocity), and meaningless on flat ground.&lt;/p&gt;</source>
      <translation>&lt;p&gt;Il tracciamento degli offset su immagini ottiche misura il movimento orizzontale. Assumendo che il terreno scivoli parallelamente alla propria superficie, un DEM fornisce la componente verticale e lo spostamento lungo il versante. Il DEM (qualsiasi SR e risoluzione) viene portato sulla griglia del risultato calcolandone la media su ogni cella, e la sua pendenza viene smussata su SMOOTHING unità di mappa (usare all'incirca la finestra di tracciamento).&lt;/p&gt;&lt;p&gt;Bande aggiunte (tutte le bande di input vengono mantenute): SLOPE e ASPECT (azimut della direzione di massima pendenza verso valle, gradi in senso orario dal nord) del DEM; DZ = DX*dz/dx + DY*dz/dy (unità di mappa, negativo per movimento verso valle); MAGNITUDE_3D = sqrt(DX^2+DY^2+DZ^2); ALONG_SLOPE = spostamento lungo la linea di massima pendenza della superficie (positivo verso valle); PLUNGE (gradi sotto l'orizzontale); DOWNSLOPE_ANGLE (gradi tra il movimento e la direzione di massima pendenza, 0 = verso valle, 180 = verso monte); SIGMA_DZ e SIGMA_MAGNITUDE_3D (1 sigma, da SIGMA_DX/SIGMA_DY e dall'errore di pendenza del DEM) se l'input contiene SIGMA_DX/SIGMA_DY. Un risultato di velocità riceve anche VZ, VELOCITY_3D, VELOCITY_ALONG_SLOPE, SIGMA_VZ, SIGMA_VELOCITY_3D.&lt;/p&gt;&lt;p&gt;Dove il modello non è valido, la banda MASK lo indica per ogni vettore (bit aggiunti a quelli di filteroffsets): 256 pendenza inferiore a MIN_SLOPE (terreno pianeggiante: la componente verticale non ha significato), 512 movimento che si discosta di oltre MAX_ANGLE dalla direzione di massima pendenza, 1024 nessun valore del DEM. I vettori segnalati mantengono i loro valori.&lt;/p&gt;&lt;p&gt;Serie temporali (una banda per data, SENSETRACK_KIND=timeseries): indicare come INPUT il file DX o il file DY (l'altro viene cercato nella stessa cartella, oppure può essere indicato come INPUT_DY); OUTPUT è la serie temporale di DZ, scritta insieme a &amp;lt;name&amp;gt;_MAGNITUDE_3D, &amp;lt;name&amp;gt;_ALONG_SLOPE, &amp;lt;name&amp;gt;_MASK (una banda per data) e &amp;lt;name&amp;gt;_TERRAIN (SLOPE, ASPECT) nella stessa cartella.&lt;/p&gt;&lt;p&gt;Validità: lo scivolamento parallelo alla superficie descrive gli scivolamenti traslativi su superfici di scorrimento planari. Non è corretto per gli scivolamenti rotazionali (la testata si abbassa più ripidamente, il piede si solleva), per le colate che si ispessiscono o si assottigliano, per la subsidenza, i crolli in roccia e i ghiacciai (velocità di emergenza/sommersione), e non ha significato su terreno pianeggiante.&lt;/p&gt;</translation>
    </message>
    <message>
      <source>&lt;p&gt;Orientation image for orientation correlation: the unit vector of the brightness gradient, written as two bands ORIENTATION_RE (east component) and ORIENTATION_IM (north component). Correlating orientation images is insensitive to illumination and contrast changes (ImGRAFT). Track either band, or both separately and compare.&lt;/p&gt;</source>
      <translation>&lt;p&gt;Immagine di orientazione per la correlazione di orientazione: il versore del gradiente di luminosità, scritto come due bande ORIENTATION_RE (componente est) e ORIENTATION_IM (componente nord). La correlazione di immagini di orientazione è insensibile alle variazioni di illuminazione e di contrasto (ImGRAFT). Usare per il tracciamento una delle due bande, oppure entrambe separatamente, e confrontare i risultati.&lt;/p&gt;</translation>
    </message>
    <message>
      <source>&lt;p&gt;Puts the target (later) image on the grid of the reference: same CRS, extent and pixel size, with GDAL warping from any CRS and the chosen resampling. All bands of the target are written (float32, NaN nodata); its metadata (acquisition date) is kept. Nothing is written beside the inputs.&lt;/p&gt;&lt;p&gt;With &lt;b&gt;Estimate and remove a global shift&lt;/b&gt; the remaining sub-pixel offset between the two images is measured by phase correlation (1/100 px) over their common valid area, or only over the stable ground (STABLE_AREA polygons, or outside them with INVERT_STABLE), and removed in the same single resampling. The shift found is reported as SHIFT_COL / SHIFT_ROW (pixels, target minus reference, columns right, rows down) and SHIFT_X / SHIFT_Y (map units, east / north). Do not use it when most of the area moves: give the stable ground instead.&lt;/p&gt;&lt;p&gt;Reference: Guizar-Sicairos, M., Thurman, S. T. &amp; Fienup, J. R. (2008) Efficient subpixel image registration algorithms. Optics Letters 33(2).&lt;/p&gt;</source>
      <translation>&lt;p&gt;Porta l'immagine target (successiva) sulla griglia dell'immagine di riferimento: stesso SR, estensione e dimensione del pixel, con riproiezione GDAL (warp) da qualsiasi SR e il ricampionamento scelto. Vengono scritte tutte le bande dell'immagine target (float32, nodata NaN); i suoi metadati (data di acquisizione) vengono mantenuti. Non viene scritto nulla accanto agli input.&lt;/p&gt;&lt;p&gt;Con &lt;b&gt;Stima e rimuovi una traslazione globale&lt;/b&gt; l'offset subpixel residuo tra le due immagini viene misurato mediante correlazione di fase (1/100 px) sulla loro area valida comune, oppure solo sul terreno stabile (poligoni STABLE_AREA, o all'esterno di essi con INVERT_STABLE), e rimosso nello stesso, unico ricampionamento. La traslazione trovata viene riportata come SHIFT_COL / SHIFT_ROW (pixel, target meno riferimento, colonne verso destra, righe verso il basso) e SHIFT_X / SHIFT_Y (unità di mappa, est / nord). Non usare questa opzione quando gran parte dell'area è in movimento: indicare invece il terreno stabile.&lt;/p&gt;&lt;p&gt;Riferimento bibliografico: Guizar-Sicairos, M., Thurman, S. T. &amp; Fienup, J. R. (2008) Efficient subpixel image registration algorithms. Optics Letters 33(2).&lt;/p&gt;</translation>
    </message>
    <message>
      <source>&lt;p&gt;Radiometric normalisation of one band. METHOD: &lt;b&gt;minmax&lt;/b&gt; (x - min)/(max - min) to 0-1; &lt;b&gt;zscore&lt;/b&gt; (x - mean)/std, mean 0 and standard deviation 1 over the valid pixels (negative values are kept); &lt;b&gt;percentile&lt;/b&gt; linear stretch of the chosen percentiles to 0-1, clipped (robust to a few very bright or dark pixels); &lt;b&gt;log&lt;/b&gt; natural logarithm; &lt;b&gt;db&lt;/b&gt; 10 log10(x), for SAR intensity (sigma0 of 0.01 is -20 dB). Values x &amp;le; 0 have no logarithm and become nodata.&lt;/p&gt;&lt;p&gt;Use it when the two dates differ in brightness or contrast. Statistics are exact except percentiles of non-integer data, taken from a 65536-bin histogram (within 1/65536 of the range).&lt;/p&gt;</source>
      <translation>&lt;p&gt;Normalizzazione radiometrica di una banda. METHOD: &lt;b&gt;minmax&lt;/b&gt; (x - min)/(max - min) su 0-1; &lt;b&gt;zscore&lt;/b&gt; (x - mean)/std, media 0 e deviazione standard 1 sui pixel validi (i valori negativi vengono mantenuti); &lt;b&gt;percentile&lt;/b&gt; stiramento lineare dei percentili scelti su 0-1, con troncamento (robusto rispetto a pochi pixel molto chiari o molto scuri); &lt;b&gt;log&lt;/b&gt; logaritmo naturale; &lt;b&gt;db&lt;/b&gt; 10 log10(x), per l'intensità SAR (un sigma0 di 0,01 corrisponde a -20 dB). I valori x &amp;le; 0 non hanno logaritmo e diventano nodata.&lt;/p&gt;&lt;p&gt;Usarla quando le due date differiscono per luminosità o contrasto. Le statistiche sono esatte, tranne i percentili dei dati non interi, ricavati da un istogramma a 65536 classi (con un errore entro 1/65536 dell'intervallo dei valori).&lt;/p&gt;</translation>
    </message>
    <message>
      <source>&lt;p&gt;Reads a Sentinel-1 product (any platform S1A-S1D; IW, EW, SM, WV; SLC or GRD; .zip or .SAFE, the cloud-optimised ..._COG.SAFE too) without SNAP and reports its metadata: the full decoding of the product name, pass direction, relative and absolute orbit, ascending-node time, polarisations, swaths, footprint, incidence angles (near, mid, far, degrees) and pixel spacing (metres).&lt;/p&gt;&lt;p&gt;Outputs: a JSON file with everything, the footprint as a polygon GeoPackage layer (EPSG:4326) with the main fields, and the main values as algorithm outputs (usable in the graphical modeler).&lt;/p&gt;&lt;p&gt;Sources: the manifest.safe (orbit, pass, footprint) and the annotation XMLs (image information, geolocation grid). Reference: ESA, Sentinel-1 Product Specification (S1-RS-MDA-52-7441).&lt;/p&gt;</source>
      <translation>&lt;p&gt;Legge un prodotto Sentinel-1 (qualsiasi piattaforma S1A-S1D; IW, EW, SM, WV; SLC o GRD; .zip o .SAFE, anche il formato cloud-optimised ..._COG.SAFE) senza SNAP e ne riporta i metadati: la decodifica completa del nome del prodotto, la direzione di passaggio, l'orbita relativa e assoluta, l'istante del nodo ascendente, le polarizzazioni, gli swath, l'impronta, gli angoli di incidenza (near, mid, far, in gradi) e la spaziatura dei pixel (metri).&lt;/p&gt;&lt;p&gt;Output: un file JSON con tutte le informazioni, l'impronta come layer poligonale GeoPackage (EPSG:4326) con i campi principali e i valori principali come output dell'algoritmo (utilizzabili nel modellatore grafico).&lt;/p&gt;&lt;p&gt;Fonti: il manifest.safe (orbita, passaggio, impronta) e gli XML di annotazione (informazioni sull'immagine, griglia di geolocalizzazione). Riferimento bibliografico: ESA, Sentinel-1 Product Specification (S1-RS-MDA-52-7441).&lt;/p&gt;</translation>
    </message>
    <message>
      <source>&lt;p&gt;Reads one or many COSMO-SkyMed files, first (CSK) or second (CSG) generation: the full decoding of the file name (satellite, product type, mode, swath, polarisation, look side, orbit direction, delivery, looks, orbit quality, squint...), sensing times, near/far incidence angles, image size and the footprint from the corner coordinates. Writes the footprints as a polygon layer (EPSG:4326) with those attributes, and everything as JSON.&lt;/p&gt;&lt;p&gt;Reference: ASI (2019) COSMO-SkyMed SAR Products Handbook; ASI COSMO-SkyMed Second Generation Products Specification.&lt;/p&gt;</source>
      <translation>&lt;p&gt;Legge uno o più file COSMO-SkyMed, di prima (CSK) o di seconda (CSG) generazione: la decodifica completa del nome del file (satellite, tipo di prodotto, modalità, swath, polarizzazione, lato di vista, direzione dell'orbita, modalità di consegna, numero di look, qualità dell'orbita, squint...), i tempi di acquisizione, gli angoli di incidenza near/far, la dimensione dell'immagine e l'impronta ricavata dalle coordinate degli angoli. Scrive le impronte come layer poligonale (EPSG:4326) con questi attributi e tutte le informazioni in formato JSON.&lt;/p&gt;&lt;p&gt;Riferimento bibliografico: ASI (2019) COSMO-SkyMed SAR Products Handbook; ASI COSMO-SkyMed Second Generation Products Specification.&lt;/p&gt;</translation>
    </message>
    <message>
      <source>&lt;p&gt;Removes outliers from a displacement result, in this order: minimum PEAK and SNR (windowed trackers), maximum plausible displacement (pixels) or velocity, the normalised median test over a neighbourhood, an optional direction-consistency filter, an optional downslope-consistency test with a DEM (vectors pointing uphill or across the slope by more than MAX_DOWNSLOPE_ANGLE degrees) and removal of isolated clumps. Thresholds of 0 switch a filter off; thresholds in pixels refer to pixels of the tracked images.&lt;/p&gt;&lt;p&gt;Removed vectors become NaN (nodata). The MASK band/field records why, as bit flags: 1 PEAK, 2 SNR, 4 maximum displacement/velocity, 8 median test, 16 direction, 32 clump, 64 interpolated (small holes filled when 'Interpolate holes' is set), 128 downslope test; 0 = kept, NaN = no input vector. The number removed by each filter is logged and written to the optional table.&lt;/p&gt;&lt;p&gt;Left empty, 'Minimum correlation PEAK', 'Median test neighbourhood radius', 'Median test noise level', 'Median test neighbour spacing' and 'Minimum clump size' take the starting point recommended for the kind of result (checked on benchmark pairs): windowed results (phase correlation, NCC) median test over the 5x5 neighbourhood, noise 0.2 px; dense results (Farnebäck, ILK, TV-L1) PEAK (MATCH) 0.25, neighbour spacing 10, noise 0.3 px, clumps under 20 vectors removed. The log says which values were used.&lt;/p&gt;</source>
      <translation>&lt;p&gt;Rimuove i valori anomali da un risultato di spostamento, in quest'ordine: PEAK e SNR minimi (metodi a finestra), spostamento massimo plausibile (pixel) o velocità massima plausibile, test della mediana normalizzato su un intorno, un filtro opzionale di coerenza della direzione, un test opzionale di coerenza con la direzione di massima pendenza basato su un DEM (vettori rivolti verso monte o trasversalmente al versante di oltre MAX_DOWNSLOPE_ANGLE gradi) e la rimozione dei gruppi isolati. Le soglie pari a 0 disattivano il filtro corrispondente; le soglie in pixel si riferiscono ai pixel delle immagini di input del tracciamento.&lt;/p&gt;&lt;p&gt;I vettori rimossi diventano NaN (nodata). La banda/il campo MASK ne registra il motivo, come flag a bit: 1 PEAK, 2 SNR, 4 spostamento/velocità massimi, 8 test della mediana, 16 direzione, 32 gruppo isolato, 64 interpolato (piccole lacune riempite quando è impostato "Interpola lacune"), 128 test della direzione di massima pendenza; 0 = mantenuto, NaN = nessun vettore di input. Il numero di vettori rimossi da ciascun filtro viene riportato nel log e scritto nella tabella opzionale.&lt;/p&gt;&lt;p&gt;Se lasciati vuoti, "PEAK di correlazione minimo", "Test della mediana: raggio dell'intorno", "Test della mediana: livello di rumore", "Test della mediana: spaziatura dei vicini" e "Dimensione minima dei gruppi" assumono il punto di partenza consigliato per il tipo di risultato (verificato su coppie di benchmark): per i risultati dei metodi a finestra (correlazione di fase, NCC) test della mediana sull'intorno 5x5, rumore 0,2 px; per i risultati densi (Farnebäck, ILK, TV-L1) PEAK (MATCH) 0,25, spaziatura dei vicini 10, rumore 0,3 px, rimozione dei gruppi con meno di 20 vettori. Il log indica quali valori sono stati usati.&lt;/p&gt;</translation>
    </message>
    <message>
      <source>&lt;p&gt;Removes the Gaussian-smoothed image (sigma in pixels) from the image, keeping details smaller than about 3 sigma and suppressing shading and large brightness gradients. Same units as the input.&lt;/p&gt;</source>
      <translation>&lt;p&gt;Sottrae all'immagine la sua versione smussata con un filtro gaussiano (sigma in pixel), mantenendo i dettagli più piccoli di circa 3 sigma e sopprimendo le ombreggiature e gli ampi gradienti di luminosità. Stesse unità dell'input.&lt;/p&gt;</translation>
    </message>
    <message>
      <source>&lt;p&gt;Reports a PRISMA product's level, identifiers, times, EPSG code, cloud cover and cube sizes, and writes the table of the VNIR and SWIR bands actually delivered (cube, 1-based band, centre wavelength and FWHM in nm, ordered by wavelength) as CSV.&lt;/p&gt;&lt;p&gt;Reference: ASI PRISMA Products Specification Document (PRS-SY-PSD).&lt;/p&gt;</source>
      <translation>&lt;p&gt;Riporta livello, identificativi, tempi, codice EPSG, copertura nuvolosa e dimensioni dei cubi di un prodotto PRISMA e scrive in CSV la tabella delle bande VNIR e SWIR effettivamente fornite (cubo, banda con indice a partire da 1, lunghezza d'onda centrale e FWHM in nm, ordinate per lunghezza d'onda).&lt;/p&gt;&lt;p&gt;Riferimento bibliografico: ASI PRISMA Products Specification Document (PRS-SY-PSD).&lt;/p&gt;</translation>
    </message>
    <message>
      <source>&lt;p&gt;Runs any SNAP graph XML with gpt. Give a value for each of the graph's ${name} placeholders in the PARAMETERS table (name, value); they are inserted as plain text, never evaluated. The graph's Write node must write ${output}: SenseTrack sets it to the OUTPUT file. The log lists the graph's nodes and placeholders.&lt;/p&gt;</source>
      <translation>&lt;p&gt;Esegue con gpt qualsiasi grafo SNAP in formato XML. Indicare un valore per ciascun segnaposto ${name} del grafo nella tabella PARAMETERS (name, value); i valori vengono inseriti come testo semplice, mai valutati. Il nodo Write del grafo deve scrivere ${output}: SenseTrack lo imposta sul file OUTPUT. Il log elenca i nodi e i segnaposto del grafo.&lt;/p&gt;</translation>
    </message>
    <message>
      <source>&lt;p&gt;Runs one tracker (farneback, ilk, tvl1, phasecorrelation or ncc, tuned by an optional PRESET file) on every pair of a network, optionally followed by the outlier filter (sensetrack:filteroffsets) and the stable-ground correction (sensetrack:stablegroundcorrection, one mask for all pairs, which also adds the SIGMA_DX/SIGMA_DY bands the time series uses as weights). One product per pair is written into the output folder as YYYYMMDD_YYYYMMDD.tif, with both dates in its metadata.&lt;/p&gt;&lt;p&gt;The network is the pair table of sensetrack:pairnetwork, or is built here from the images and the rules (same rules as sensetrack:pairnetwork).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Restartable&lt;/b&gt;: a product is written under a temporary name and marked complete only when finished, so running again into the same folder skips the complete pairs and redoes only what is missing or was interrupted. Progress is reported per pair; Cancel stops cleanly (the pair being tracked leaves nothing behind).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Dates&lt;/b&gt; come, in this order, from the metadata SenseTrack's readers write (e.g. SENSETRACK_ACQUISITION_DATE, ACQUISITION_START_TIME), from the Sentinel-1/2, Landsat, COSMO-SkyMed, PRISMA or PlanetScope file-name conventions, from a YYYYMMDD or YYYY-MM-DD in the file name, or from the optional date table (CSV: path or file name, date). An image without a date stops the run with its name.&lt;/p&gt;</source>
      <translation>&lt;p&gt;Esegue un algoritmo di tracciamento (farneback, ilk, tvl1, phasecorrelation o ncc, regolato da un file PRESET opzionale) su ogni coppia di una rete, seguito facoltativamente dal filtro dei valori anomali (sensetrack:filteroffsets) e dalla correzione sul terreno stabile (sensetrack:stablegroundcorrection, con un'unica maschera per tutte le coppie, che aggiunge anche le bande SIGMA_DX/SIGMA_DY usate come pesi dalla serie temporale). Nella cartella di output viene scritto un prodotto per coppia, denominato YYYYMMDD_YYYYMMDD.tif, con entrambe le date nei metadati.&lt;/p&gt;&lt;p&gt;La rete è la tabella delle coppie di sensetrack:pairnetwork, oppure viene costruita qui a partire dalle immagini e dalle regole (le stesse di sensetrack:pairnetwork).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Riavviabile&lt;/b&gt;: ogni prodotto viene scritto con un nome temporaneo e contrassegnato come completo solo al termine, quindi rieseguendo l'algoritmo sulla stessa cartella le coppie complete vengono saltate e viene rifatto solo ciò che manca o che è stato interrotto. L'avanzamento viene riportato per coppia; Annulla interrompe l'esecuzione in modo pulito (la coppia in corso di tracciamento non lascia alcun file).&lt;/p&gt;&lt;p&gt;Le &lt;b&gt;date&lt;/b&gt; vengono lette, in quest'ordine, dai metadati scritti dai lettori di SenseTrack (ad es. SENSETRACK_ACQUISITION_DATE, ACQUISITION_START_TIME), dalle convenzioni di denominazione dei file Sentinel-1/2, Landsat, COSMO-SkyMed, PRISMA o PlanetScope, da una data YYYYMMDD o YYYY-MM-DD nel nome del file oppure dalla tabella delle date opzionale (CSV: percorso o nome del file, data). Un'immagine senza data interrompe l'esecuzione, indicandone il nome.&lt;/p&gt;</translation>
    </message>
    <message>
      <source>&lt;p&gt;Sentinel-1 IW SLC or GRD to a calibrated, terrain-corrected GeoTIFF with SNAP and the shipped graphs (orbit, thermal noise, calibration, deburst, multilook, optional speckle filter, terrain correction on SRTM, optional VH/VV ratio band, subset to the area of interest). Multilook factors are estimated from the product's mean incidence angle for square ground pixels (nominal IW resolution 2.3 m x 14.1 m) unless given.&lt;/p&gt;</source>
      <translation>&lt;p&gt;Da Sentinel-1 IW SLC o GRD a un GeoTIFF calibrato e con correzione del terreno (terrain correction), tramite SNAP e i grafi forniti con il plugin (orbita, rumore termico, calibrazione, deburst, multilook, filtro speckle opzionale, terrain correction su SRTM, banda opzionale del rapporto VH/VV, ritaglio sull'area di interesse). Se non indicati, i fattori di multilook vengono stimati dall'angolo di incidenza medio del prodotto per ottenere pixel quadrati al suolo (risoluzione nominale IW 2,3 m x 14,1 m).&lt;/p&gt;</translation>
    </message>
    <message>
      <source>&lt;p&gt;Sentinel-2 L2A (.zip or .SAFE's MTD_MSIL2A.xml) resampled to 10 m, chosen bands kept, subset to the area of interest, written as a multi-band GeoTIFF with SNAP.&lt;/p&gt;</source>
      <translation>&lt;p&gt;Sentinel-2 L2A (.zip o MTD_MSIL2A.xml della cartella .SAFE) ricampionato a 10 m, con le bande scelte, ritagliato sull'area di interesse e scritto come GeoTIFF multibanda tramite SNAP.&lt;/p&gt;</translation>
    </message>
    <message>
      <source>&lt;p&gt;Turns a Landsat 8 or 9 Collection 2 product (Level-1 or Level-2) into a cloud-free, dated reflectance GeoTIFF ready for the trackers. The GeoTIFF bands are read directly from the .tar or folder.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Radiometry&lt;/b&gt;: Level-1: top-of-atmosphere reflectance = (REFLECTANCE_MULT_BAND_n · DN + REFLECTANCE_ADD_BAND_n) / sin(SUN_ELEVATION), from the MTL. Level-2: surface reflectance = MULT · DN + ADD of the MTL's surface-reflectance group (2.75e-05 and −0.2). DN 0 (fill) is NaN.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Masks&lt;/b&gt; from QA_PIXEL bits: fill, dilated cloud, cirrus, cloud, cloud shadow (snow optional); from QA_RADSAT: saturation in the bands read and terrain occlusion. For band 8 the 30 m QA pixels are brought onto the 15 m grid: a 15 m pixel is masked when any QA pixel it overlaps is. The cloud mask can be grown by a number of pixels.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Area of interest&lt;/b&gt;: an extent or polygon layer in any CRS; the output covers its bounding box (pixels outside the polygons are kept: the stable ground around a landslide or glacier is needed for co-registration). A product that covers the area only partly is read for the part it covers (NaN elsewhere) and the covered fraction is logged; an area the product does not touch is an error. Without a target CRS the output is on the product's own UTM grid, so all products of one tile (or WRS path/row) read with one area share a grid; with a target CRS and pixel size, pixel edges fall on multiples of the pixel size, so products of different tiles share a grid too.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Output&lt;/b&gt;: float32 GeoTIFF, one band per requested band (named like B08 for Sentinel-2, B8 for Landsat), reflectance (1 = 100 %), NaN where there is no data or a mask applies. The metadata holds the acquisition date and time (UTC), platform, tile, relative orbit, processing baseline/level, cloud cover, the covered and valid fractions and the formula used; sensetrack:velocity and the time-series tools read the date from it. Works in batch mode (a folder of products becomes a stack of dated images) and in the modeler.&lt;/p&gt;&lt;p&gt;Reference: USGS, Landsat 8-9 OLI/TIRS Collection 2 Level-1 Data Format Control Book (LSDS-1822) and Level-2 Science Product Guide (LSDS-1619).&lt;/p&gt;</source>
      <translation>&lt;p&gt;Converte un prodotto Landsat 8 o 9 Collection 2 (Level-1 o Level-2) in un GeoTIFF di riflettanza datato e senza nuvole, pronto per gli algoritmi di tracciamento. Le bande GeoTIFF vengono lette direttamente dal file .tar o dalla cartella.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Radiometria&lt;/b&gt;: Level-1: riflettanza al top dell'atmosfera = (REFLECTANCE_MULT_BAND_n · DN + REFLECTANCE_ADD_BAND_n) / sin(SUN_ELEVATION), dal file MTL. Level-2: riflettanza di superficie = MULT · DN + ADD del gruppo della riflettanza di superficie del file MTL (2.75e-05 e −0.2). DN 0 (riempimento) è NaN.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Maschere&lt;/b&gt; dai bit di QA_PIXEL: riempimento, nuvola dilatata, cirri, nuvola, ombra delle nuvole (neve opzionale); da QA_RADSAT: saturazione nelle bande lette e occlusione topografica. Per la banda 8 i pixel QA a 30 m vengono portati sulla griglia a 15 m: un pixel a 15 m viene mascherato se lo è almeno uno dei pixel QA con cui si sovrappone. La maschera delle nuvole può essere ampliata di un certo numero di pixel.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Area di interesse&lt;/b&gt;: un'estensione o un layer poligonale in qualsiasi SR; l'output ne copre il rettangolo di ingombro (i pixel esterni ai poligoni vengono mantenuti: il terreno stabile attorno a una frana o a un ghiacciaio serve per la coregistrazione). Un prodotto che copre l'area solo in parte viene letto per la parte coperta (NaN altrove) e la frazione coperta viene riportata nel log; un'area che il prodotto non tocca è un errore. Senza un SR di destinazione l'output è sulla griglia UTM propria del prodotto, quindi tutti i prodotti di uno stesso tile (o path/row WRS) letti con la stessa area condividono la stessa griglia; con un SR di destinazione e una dimensione del pixel, i bordi dei pixel cadono su multipli della dimensione del pixel, quindi anche i prodotti di tile diversi condividono la stessa griglia.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Output&lt;/b&gt;: GeoTIFF float32, una banda per ogni banda richiesta (denominata come B08 per Sentinel-2, B8 per Landsat), riflettanza (1 = 100 %), NaN dove mancano i dati o si applica una maschera. I metadati contengono data e ora di acquisizione (UTC), piattaforma, tile, orbita relativa, baseline/livello di elaborazione, copertura nuvolosa, le frazioni coperta e valida e la formula usata; sensetrack:velocity e gli strumenti per le serie temporali leggono la data da questi metadati. Funziona in modalità batch (una cartella di prodotti diventa una pila di immagini datate) e nel modellatore grafico.&lt;/p&gt;&lt;p&gt;Riferimento bibliografico: USGS, Landsat 8-9 OLI/TIRS Collection 2 Level-1 Data Format Control Book (LSDS-1822) e Level-2 Science Product Guide (LSDS-1619).&lt;/p&gt;</translation>
    </message>
    <message>
      <source>&lt;p&gt;Turns a Sentinel-1 GRD product (.zip or .SAFE, the cloud-optimised ..._COG.SAFE too, S1A-S1D, IW/EW/SM) into an analysis-ready float32 GeoTIFF that the trackers accept directly, without SNAP: radiometric calibration to sigma0, beta0 or gamma0 from the product's calibration LUTs (bilinear interpolation of the vectors), optional thermal-noise removal from the noise LUTs (range and, where present, azimuth vectors), optional dB, and geocoding from the product's geolocation-grid tie points (GCPs, thin-plate-spline transform) with GDAL warping to the chosen CRS, pixel size and area.&lt;/p&gt;&lt;p&gt;value = (DN² − noise) / A², with A the LUT. Where noise removal makes a value ≤ 0 it is set to 1e-5 (−50 dB) rather than nodata; DN 0 (swath borders) is nodata (NaN). The band is named e.g. SIGMA0_VV (or SIGMA0_VV_DB); the acquisition start time, platform, orbit and pass are stored as metadata, so the velocity tool finds the dates.&lt;/p&gt;&lt;p&gt;&lt;b&gt;What SNAP's Terrain Correction does and this does not:&lt;/b&gt; no DEM orthorectification (relief between the tie points is not corrected: foreshortening/layover shift features by up to height / tan(incidence)), no radiometric terrain flattening (gamma0 is the ellipsoid gamma0), no orbit refinement with precise orbit files, no border-noise removal beyond the noise LUT, no speckle filtering or multilooking. In mountains use SNAP (sensetrack SNAP algorithms) for geometric accuracy; both images of a pair must be processed the same way.&lt;/p&gt;&lt;p&gt;References: ESA, Sentinel-1 Level-1 Radiometric Calibration (ESA-EOPG-CSCOP-TN-0002); ESA, Thermal Denoising of Products Generated by the Sentinel-1 IPF (MPC-0392).&lt;/p&gt;</source>
      <translation>&lt;p&gt;Converte un prodotto Sentinel-1 GRD (.zip o .SAFE, anche il formato cloud-optimised ..._COG.SAFE, S1A-S1D, IW/EW/SM) in un GeoTIFF float32 pronto per l'analisi, accettato direttamente dagli algoritmi di tracciamento, senza SNAP: calibrazione radiometrica in sigma0, beta0 o gamma0 dalle LUT di calibrazione del prodotto (interpolazione bilineare dei vettori), rimozione opzionale del rumore termico dalle LUT del rumore (vettori in range e, dove presenti, in azimut), conversione opzionale in dB e geocodifica dai punti di aggancio (tie point) della griglia di geolocalizzazione del prodotto (GCP, trasformazione thin-plate spline) con riproiezione GDAL (warp) nel SR, con la dimensione del pixel e sull'area scelti.&lt;/p&gt;&lt;p&gt;valore = (DN² − rumore) / A², con A la LUT. Dove la rimozione del rumore rende un valore ≤ 0, questo viene impostato a 1e-5 (−50 dB) anziché a nodata; DN 0 (bordi dello swath) è nodata (NaN). La banda viene denominata ad es. SIGMA0_VV (o SIGMA0_VV_DB); l'istante di inizio dell'acquisizione, la piattaforma, l'orbita e il passaggio vengono memorizzati come metadati, così lo strumento di calcolo della velocità trova le date.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Che cosa fa la Terrain Correction di SNAP e questo algoritmo no:&lt;/b&gt; nessuna ortorettifica con DEM (il rilievo tra i tie point non viene corretto: foreshortening/layover spostano gli elementi fino a altezza / tan(incidenza)), nessun appiattimento radiometrico del terreno (terrain flattening; il gamma0 è quello sull'ellissoide), nessun affinamento dell'orbita con i file di orbita precisi, nessuna rimozione del rumore di bordo oltre alla LUT del rumore, nessun filtro speckle né multilooking. In montagna usare SNAP (algoritmi SNAP di sensetrack) per l'accuratezza geometrica; entrambe le immagini di una coppia devono essere elaborate allo stesso modo.&lt;/p&gt;&lt;p&gt;Riferimenti bibliografici: ESA, Sentinel-1 Level-1 Radiometric Calibration (ESA-EOPG-CSCOP-TN-0002); ESA, Thermal Denoising of Products Generated by the Sentinel-1 IPF (MPC-0392).&lt;/p&gt;</translation>
    </message>
    <message>
      <source>&lt;p&gt;Turns a Sentinel-2 Level-1C or Level-2A product into a cloud-free, dated reflectance GeoTIFF ready for the trackers, in one step and without SNAP. The band files (JPEG 2000, or GeoTIFF for products delivered so) are read directly with GDAL; JPEG 2000 needs GDAL's JP2OpenJPEG driver (shipped with QGIS; the plugin reports it if missing).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Radiometry&lt;/b&gt;: reflectance = (DN + offset) / quantification value, both read from the product metadata: from processing baseline 04.00 (products after 25 January 2022) the offset is RADIO_ADD_OFFSET (L1C) or BOA_ADD_OFFSET (L2A), −1000; older baselines have none. DN 0 (no data) and 65535 (saturated) are NaN.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Masks&lt;/b&gt;: Level-2A scene classification (SCL): no data, saturated/defective, cloud shadow, cloud medium and high probability, thin cirrus (snow optional). Level-1C: the MSK_CLASSI raster (baseline 04.00 on: opaque clouds, cirrus; snow optional) or the older MSK_CLOUDS GML polygons where present. The cloud mask can be grown by a number of pixels.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Area of interest&lt;/b&gt;: an extent or polygon layer in any CRS; the output covers its bounding box (pixels outside the polygons are kept: the stable ground around a landslide or glacier is needed for co-registration). A product that covers the area only partly is read for the part it covers (NaN elsewhere) and the covered fraction is logged; an area the product does not touch is an error. Without a target CRS the output is on the product's own UTM grid, so all products of one tile (or WRS path/row) read with one area share a grid; with a target CRS and pixel size, pixel edges fall on multiples of the pixel size, so products of different tiles share a grid too.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Output&lt;/b&gt;: float32 GeoTIFF, one band per requested band (named like B08 for Sentinel-2, B8 for Landsat), reflectance (1 = 100 %), NaN where there is no data or a mask applies. The metadata holds the acquisition date and time (UTC), platform, tile, relative orbit, processing baseline/level, cloud cover, the covered and valid fractions and the formula used; sensetrack:velocity and the time-series tools read the date from it. Works in batch mode (a folder of products becomes a stack of dated images) and in the modeler.&lt;/p&gt;&lt;p&gt;Reference: ESA, Sentinel-2 Products Specification Document (S2-PDGS-TAS-DI-PSD), and ESA's announcement of processing baseline 04.00 (January 2022).&lt;/p&gt;</source>
      <translation>&lt;p&gt;Converte un prodotto Sentinel-2 Level-1C o Level-2A in un GeoTIFF di riflettanza datato e senza nuvole, pronto per gli algoritmi di tracciamento, in un solo passaggio e senza SNAP. I file delle bande (JPEG 2000, o GeoTIFF per i prodotti forniti in questo formato) vengono letti direttamente con GDAL; il formato JPEG 2000 richiede il driver JP2OpenJPEG di GDAL (incluso in QGIS; il plugin segnala se manca).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Radiometria&lt;/b&gt;: riflettanza = (DN + offset) / valore di quantificazione, entrambi letti dai metadati del prodotto: dalla baseline di elaborazione 04.00 (prodotti successivi al 25 gennaio 2022) l'offset è RADIO_ADD_OFFSET (L1C) o BOA_ADD_OFFSET (L2A), −1000; le baseline precedenti non ne hanno. DN 0 (nessun dato) e 65535 (saturato) sono NaN.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Maschere&lt;/b&gt;: classificazione della scena (SCL) del Level-2A: nessun dato, saturato/difettoso, ombra delle nuvole, nuvole a probabilità media e alta, cirri sottili (neve opzionale). Level-1C: il raster MSK_CLASSI (dalla baseline 04.00 in poi: nuvole opache, cirri; neve opzionale) o, dove presenti, i vecchi poligoni GML MSK_CLOUDS. La maschera delle nuvole può essere ampliata di un certo numero di pixel.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Area di interesse&lt;/b&gt;: un'estensione o un layer poligonale in qualsiasi SR; l'output ne copre il rettangolo di ingombro (i pixel esterni ai poligoni vengono mantenuti: il terreno stabile attorno a una frana o a un ghiacciaio serve per la coregistrazione). Un prodotto che copre l'area solo in parte viene letto per la parte coperta (NaN altrove) e la frazione coperta viene riportata nel log; un'area che il prodotto non tocca è un errore. Senza un SR di destinazione l'output è sulla griglia UTM propria del prodotto, quindi tutti i prodotti di uno stesso tile (o path/row WRS) letti con la stessa area condividono la stessa griglia; con un SR di destinazione e una dimensione del pixel, i bordi dei pixel cadono su multipli della dimensione del pixel, quindi anche i prodotti di tile diversi condividono la stessa griglia.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Output&lt;/b&gt;: GeoTIFF float32, una banda per ogni banda richiesta (denominata come B08 per Sentinel-2, B8 per Landsat), riflettanza (1 = 100 %), NaN dove mancano i dati o si applica una maschera. I metadati contengono data e ora di acquisizione (UTC), piattaforma, tile, orbita relativa, baseline/livello di elaborazione, copertura nuvolosa, le frazioni coperta e valida e la formula usata; sensetrack:velocity e gli strumenti per le serie temporali leggono la data da questi metadati. Funziona in modalità batch (una cartella di prodotti diventa una pila di immagini datate) e nel modellatore grafico.&lt;/p&gt;&lt;p&gt;Riferimento bibliografico: ESA, Sentinel-2 Products Specification Document (S2-PDGS-TAS-DI-PSD), e l'annuncio dell'ESA sulla baseline di elaborazione 04.00 (gennaio 2022).&lt;/p&gt;</translation>
    </message>
    <message>
      <source>&lt;p&gt;Turns many pair measurements into one displacement history per pixel. The unknowns are the displacements between consecutive dates; each pair measures the sum of those it spans. Per pixel only the pairs with a value there are used, in a least-squares fit weighted by the pairs' SIGMA_DX/SIGMA_DY when every product has them (uniform otherwise), with a Tikhonov regularisation that prefers a smooth velocity (changes of velocity cost) or a smooth acceleration, and a robust re-weighting (Tukey biweight) that ignores pairs that disagree with the others (a mismatched or mis-registered pair).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Weight&lt;/b&gt;: empty = chosen automatically by generalised cross-validation; 0 = no regularisation (dates the pairs do not link to the first date are then NaN); larger = smoother. The regularisation also bridges a network split into disconnected groups: the GROUPS band says where that happened (&amp;gt; 1).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Outputs&lt;/b&gt; in the output folder, named PREFIX_*.tif (float32, NaN nodata, map units): cumulative DX and DY at every date (one band per date, the ISO date as band name, 0 at the first date), their 1-sigma (from the weights and the residuals), VX and VY per interval (per year), a summary (MEAN_VX, MEAN_VY, MEAN_VELOCITY per year from the first to the last date, RESIDUAL_RMS, PAIRS_USED, GROUPS) and PREFIX_pairs.csv (residual and rejected share per pair). Pixels sharing the same valid pairs are solved together and the scene goes block by block, so memory stays bounded.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Scheduler&lt;/b&gt; (advanced): empty = here in QGIS; local:N (worker processes) or the address of a Dask cluster runs the inversion there as tasks (the automatic weight, blocks of output tiles, their assembly) with identical results; an interrupted run into the same folder reuses the finished blocks.&lt;/p&gt;</source>
      <translation>&lt;p&gt;Trasforma le misure di molte coppie in un'unica storia dello spostamento per ogni pixel. Le incognite sono gli spostamenti tra date consecutive; ogni coppia misura la somma di quelli che abbraccia. Per ogni pixel vengono usate solo le coppie che vi hanno un valore, in un adattamento ai minimi quadrati pesato con le bande SIGMA_DX/SIGMA_DY delle coppie quando tutti i prodotti le contengono (altrimenti con pesi uniformi), con una regolarizzazione di Tikhonov che privilegia una velocità regolare (le variazioni di velocità vengono penalizzate) o un'accelerazione regolare, e con una ripesatura robusta (biweight di Tukey) che ignora le coppie in disaccordo con le altre (una coppia con corrispondenza errata o mal coregistrata).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Peso&lt;/b&gt;: vuoto = scelto automaticamente mediante validazione incrociata generalizzata; 0 = nessuna regolarizzazione (le date che le coppie non collegano alla prima data risultano allora NaN); valori maggiori = serie più regolare. La regolarizzazione raccorda anche una rete divisa in gruppi non connessi: la banda GROUPS indica dove è avvenuto (&amp;gt; 1).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Output&lt;/b&gt; nella cartella di output, denominati PREFIX_*.tif (float32, nodata NaN, unità di mappa): DX e DY cumulati a ogni data (una banda per data, con la data ISO come nome della banda, 0 alla prima data), il loro valore a 1 sigma (dai pesi e dai residui), VX e VY per intervallo (all'anno), un riepilogo (MEAN_VX, MEAN_VY, MEAN_VELOCITY all'anno dalla prima all'ultima data, RESIDUAL_RMS, PAIRS_USED, GROUPS) e PREFIX_pairs.csv (residuo e quota rifiutata per coppia). I pixel che condividono le stesse coppie valide vengono risolti insieme e la scena viene elaborata blocco per blocco, così la memoria resta limitata.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Scheduler&lt;/b&gt; (avanzato): vuoto = qui in QGIS; local:N (processi worker) o l'indirizzo di un cluster Dask esegue lì l'inversione come task (il peso automatico, blocchi di tile di output, il loro assemblaggio) con risultati identici; un'esecuzione interrotta nella stessa cartella riusa i blocchi già completati.&lt;/p&gt;</translation>
    </message>
    <message>
      <source>&lt;p&gt;Writes a self-contained HTML report (figures embedded) of a displacement result: a map of the magnitude (or velocity) with arrows, histograms of DX and DY on stable ground (on all vectors when no stable-ground mask is given), the stable-ground statistics (median, NMAD, RMSE, count; before and after the correction when it was applied), the uncertainty summary, the parameters used and the provenance of the inputs (tracked files, method, every post-processing step).&lt;/p&gt;</source>
      <translation>&lt;p&gt;Scrive un rapporto HTML autonomo (con le figure incorporate) su un risultato di spostamento: una mappa del modulo (o della velocità) con frecce, gli istogrammi di DX e DY sul terreno stabile (su tutti i vettori se non viene fornita una maschera del terreno stabile), le statistiche sul terreno stabile (mediana, NMAD, RMSE, numero di vettori; prima e dopo la correzione, se applicata), il riepilogo dell'incertezza, i parametri usati e la provenienza degli input (file di input del tracciamento, metodo, ogni passaggio di post-elaborazione).&lt;/p&gt;</translation>
    </message>
    <message>
      <source>&lt;p&gt;Writes a self-contained HTML report (figures embedded) of a time series made by sensetrack:timeseries: a summary table, then for each chosen point (and the median over the polygon; by default the pixel with the fastest mean motion) the cumulative displacement against time with its 1-sigma band, the velocity per interval, and the inverse velocity used to spot a slope accelerating towards failure (Fukuzono: 1/v falling on a line towards zero); a map of the mean velocity; the pair network with the pairs the robust weighting rejected; the residual of every pair.&lt;/p&gt;</source>
      <translation>&lt;p&gt;Scrive un rapporto HTML autonomo (con le figure incorporate) su una serie temporale prodotta da sensetrack:timeseries: una tabella riassuntiva, poi per ogni punto scelto (e per la mediana sul poligono; per impostazione predefinita il pixel con il movimento medio più rapido) lo spostamento cumulato in funzione del tempo con la sua fascia a 1 sigma, la velocità per intervallo e la velocità inversa, usata per riconoscere un versante che accelera verso la rottura (Fukuzono: 1/v che decresce lungo una retta verso zero); una mappa della velocità media; la rete di coppie con le coppie rifiutate dalla ripesatura robusta; il residuo di ogni coppia.&lt;/p&gt;</translation>
    </message>
    <message>
      <source>&lt;p&gt;Writes the VNIR, SWIR or PAN cube of a PRISMA product (L1, L1G/L1G2, L2B, L2C or L2D), or chosen bands (1-based cube index) or the bands nearest chosen wavelengths (nm), as a multi-band float32 GeoTIFF. Values are scaled to physical units: L1 radiance (DN / ScaleFactor - Offset), L2 at-surface radiance or reflectance (Min + DN (Max - Min) / 65535); DN 0 is nodata. Flagged bands (wavelength 0) are dropped and bands are ordered by wavelength; each band's description carries its wavelength (e.g. VNIR_0497.3nm) and its metadata WAVELENGTH/FWHM/CUBE_INDEX.&lt;/p&gt;&lt;p&gt;Geo-referencing: L2D from its EPSG code and upper-left corner coordinate, which is the centre of the upper-left pixel (origin half a pixel further out), with the nominal pixel size (30 m; PAN 5 m, same rule assumed); the other levels from their latitude/longitude arrays (L1G: fill values 65535 masked) with GDAL geolocation warping (EPSG:4326 unless a CRS is given).&lt;/p&gt;&lt;p&gt;Reference: ASI PRISMA Products Specification Document (PRS-SY-PSD).&lt;/p&gt;</source>
      <translation>&lt;p&gt;Scrive come GeoTIFF float32 multibanda il cubo VNIR, SWIR o PAN di un prodotto PRISMA (L1, L1G/L1G2, L2B, L2C o L2D), oppure le bande scelte (indice nel cubo a partire da 1) o le bande più vicine alle lunghezze d'onda scelte (nm). I valori vengono convertiti in unità fisiche: L1 radianza (DN / ScaleFactor - Offset), L2 radianza o riflettanza alla superficie (Min + DN (Max - Min) / 65535); DN 0 è nodata. Le bande segnalate come non valide (lunghezza d'onda 0) vengono scartate e le bande vengono ordinate per lunghezza d'onda; la descrizione di ogni banda riporta la sua lunghezza d'onda (ad es. VNIR_0497.3nm) e i suoi metadati WAVELENGTH/FWHM/CUBE_INDEX.&lt;/p&gt;&lt;p&gt;Georeferenziazione: L2D dal suo codice EPSG e dalla coordinata dell'angolo superiore sinistro, che corrisponde al centro del pixel superiore sinistro (origine mezzo pixel più all'esterno), con la dimensione nominale del pixel (30 m; PAN 5 m, assumendo la stessa regola); gli altri livelli dai loro array di latitudine/longitudine (L1G: valori di riempimento 65535 mascherati) con la riproiezione GDAL basata sulla geolocalizzazione (EPSG:4326 se non viene indicato un SR).&lt;/p&gt;&lt;p&gt;Riferimento bibliografico: ASI PRISMA Products Specification Document (PRS-SY-PSD).&lt;/p&gt;</translation>
    </message>
    <message>
      <source>&lt;p&gt;Writes the amplitude sqrt(I&amp;sup2; + Q&amp;sup2;) of a complex SCS product, or the detected image of a DGM/GEC/GTC product (first or second generation), as a float32 GeoTIFF, block by block. GEC and GTC products are placed on their exact map grid (top-left easting/northing, line and column spacing, UTM or UPS from the product's projection attributes). SCS and DGM products are geo-referenced with their four corner coordinates as ground control points at the image's outer corners: exact at the corners, approximate inside (no orbit model, no DEM). Give a CRS to warp it to a north-up grid for the trackers; compare only images of the same orbit geometry. The sensing times are kept in the metadata for the velocity step.&lt;/p&gt;&lt;p&gt;Calibration (SCS and DGM): sigma0 = P R_ref&lt;sup&gt;2n&lt;/sup&gt; sin(&amp;theta;) / (F&amp;sup2; K) with P the pixel power, F the Rescaling Factor, K the Calibration Constant, R_ref and n the Reference Slant Range and its exponent, &amp;theta; the reference incidence angle of incidence-compensated products, otherwise the incidence angle interpolated from near to far range across the columns (ASI COSMO-SkyMed SAR Products Handbook). sigma0_db is 10 log10(sigma0); zero power is nodata.&lt;/p&gt;&lt;p&gt;Reference: ASI (2019) COSMO-SkyMed SAR Products Handbook; ASI COSMO-SkyMed Second Generation Products Specification.&lt;/p&gt;</source>
      <translation>&lt;p&gt;Scrive in un GeoTIFF float32, blocco per blocco, l'ampiezza sqrt(I&amp;sup2; + Q&amp;sup2;) di un prodotto complesso SCS, oppure l'immagine rilevata (detected) di un prodotto DGM/GEC/GTC (di prima o seconda generazione). I prodotti GEC e GTC vengono posizionati sulla loro griglia cartografica esatta (easting/northing dell'angolo superiore sinistro, spaziatura di righe e colonne, UTM o UPS dagli attributi di proiezione del prodotto). I prodotti SCS e DGM vengono georeferenziati usando le coordinate dei loro quattro angoli come punti di controllo a terra agli angoli esterni dell'immagine: esatti agli angoli, approssimati all'interno (nessun modello orbitale, nessun DEM). Indicare un SR per riproiettare l'immagine su una griglia orientata a nord per gli algoritmi di tracciamento; confrontare solo immagini con la stessa geometria orbitale. I tempi di acquisizione vengono conservati nei metadati per il calcolo della velocità.&lt;/p&gt;&lt;p&gt;Calibrazione (SCS e DGM): sigma0 = P R_ref&lt;sup&gt;2n&lt;/sup&gt; sin(&amp;theta;) / (F&amp;sup2; K) con P la potenza del pixel, F il Rescaling Factor, K la Calibration Constant, R_ref e n la Reference Slant Range e il suo esponente, &amp;theta; l'angolo di incidenza di riferimento per i prodotti compensati per l'incidenza, altrimenti l'angolo di incidenza interpolato dal near range al far range lungo le colonne (ASI COSMO-SkyMed SAR Products Handbook). sigma0_db è 10 log10(sigma0); una potenza nulla è nodata.&lt;/p&gt;&lt;p&gt;Riferimento bibliografico: ASI (2019) COSMO-SkyMed SAR Products Handbook; ASI COSMO-SkyMed Second Generation Products Specification.&lt;/p&gt;</translation>
    </message>
    <message>
      <source>A SenseTrack displacement raster or point layer (GeoPackage).</source>
      <translation>Un raster di spostamento di SenseTrack o un layer di punti (GeoPackage).</translation>
    </message>
    <message>
      <source>A SenseTrack time-series raster (SENSETRACK_KIND=timeseries), one band per date; the other component is found beside it (DX &lt;-&gt; DY in the name) or given as INPUT_DY.</source>
      <translation>Un raster di serie temporale di SenseTrack (SENSETRACK_KIND=timeseries), una banda per data; l'altra componente viene cercata nella stessa cartella (DX &lt;-&gt; DY nel nome) o indicata come INPUT_DY.</translation>
    </message>
    <message>
      <source>A folder whose files matching the pattern are added to the inputs.</source>
      <translation>Una cartella i cui file corrispondenti al modello vengono aggiunti agli input.</translation>
    </message>
    <message>
      <source>A graph saved by SNAP's Graph Builder, with ${...} placeholders.</source>
      <translation>Un grafo salvato con il Graph Builder di SNAP, con segnaposto ${...}.</translation>
    </message>
    <message>
      <source>A preset file with tuning parameters; its values replace the ones set here.</source>
      <translation>Un file di preset con i parametri di regolazione; i suoi valori sostituiscono quelli impostati qui.</translation>
    </message>
    <message>
      <source>A time series is written as rasters: set OUTPUT (a .tif).</source>
      <translation>Una serie temporale viene scritta come raster: impostare OUTPUT (un file .tif).</translation>
    </message>
    <message>
      <source>Absolute orbit</source>
      <translation>Orbita assoluta</translation>
    </message>
    <message>
      <source>Acceptable correlation noise in pixels added to the normalising residual (0.1 in the paper).</source>
      <translation>Rumore di correlazione accettabile in pixel, aggiunto al residuo di normalizzazione (0,1 nell'articolo).</translation>
    </message>
    <message>
      <source>Acquisition date and time (UTC)</source>
      <translation>Data e ora di acquisizione (UTC)</translation>
    </message>
    <message>
      <source>Add pixel offset bands (COL_SHIFT, ROW_SHIFT)</source>
      <translation>Aggiungi bande di offset in pixel (COL_SHIFT, ROW_SHIFT)</translation>
    </message>
    <message>
      <source>Add the matching quality band (MATCH)</source>
      <translation>Aggiungi la banda di qualità della corrispondenza (MATCH)</translation>
    </message>
    <message>
      <source>All metadata of every file as JSON (optional).</source>
      <translation>Tutti i metadati di ogni file in formato JSON (opzionale).</translation>
    </message>
    <message>
      <source>Also mask every pixel within this distance (output pixels, Euclidean) of a cloud, shadow or cirrus pixel: cloud edges are often missed by the product's masks. 0 = the masks as delivered, not grown.</source>
      <translation>Maschera anche ogni pixel entro questa distanza (pixel di output, euclidea) da un pixel di nuvola, ombra o cirro: i bordi delle nuvole spesso sfuggono alle maschere del prodotto. 0 = le maschere così come fornite, senza ampliamento.</translation>
    </message>
    <message>
      <source>Also mask snow/ice. Off by default: snow is useful texture on glaciers.</source>
      <translation>Maschera anche neve/ghiaccio. Disattivato per impostazione predefinita: sui ghiacciai la neve fornisce una tessitura utile.</translation>
    </message>
    <message>
      <source>Also write the offsets in pixels: COL_SHIFT to the right, ROW_SHIFT down the image.</source>
      <translation>Scrive anche gli offset in pixel: COL_SHIFT verso destra, ROW_SHIFT verso il basso nell'immagine.</translation>
    </message>
    <message>
      <source>Always include consecutive pairs</source>
      <translation>Includi sempre le coppie consecutive</translation>
    </message>
    <message>
      <source>Amplitude</source>
      <translation>Ampiezza</translation>
    </message>
    <message>
      <source>Any file of the time series written by sensetrack:timeseries (usually DX); its sibling files (PREFIX_dy.tif, PREFIX_sigma_*.tif, PREFIX_summary.tif, PREFIX_pairs.csv) are read too.</source>
      <translation>Un qualsiasi file della serie temporale scritta da sensetrack:timeseries (di solito DX); vengono letti anche i file associati (PREFIX_dy.tif, PREFIX_sigma_*.tif, PREFIX_summary.tif, PREFIX_pairs.csv).</translation>
    </message>
    <message>
      <source>Any raster GDAL reads (8/16-bit, integer or float).</source>
      <translation>Qualsiasi raster leggibile da GDAL (8/16 bit, intero o float).</translation>
    </message>
    <message>
      <source>Apodisation window</source>
      <translation>Finestra di apodizzazione</translation>
    </message>
    <message>
      <source>Applied to both images before tracking, with its default settings, exactly as running the step (sensetrack:normalize, equalize, clahe, wallis, highpass or denoise) on each image first: normalize_minmax / normalize_zscore / normalize_percentile / db (10 log10, SAR intensity), equalize, clahe, wallis (autoRIFT's pre-filter), highpass, lee (speckle filter). Run the step separately to change its settings.</source>
      <translation>Applicata a entrambe le immagini prima del tracciamento, con le impostazioni predefinite, esattamente come eseguire prima l'algoritmo corrispondente (sensetrack:normalize, equalize, clahe, wallis, highpass o denoise) su ciascuna immagine: normalize_minmax / normalize_zscore / normalize_percentile / db (10 log10, intensità SAR), equalize, clahe, wallis (il prefiltro di autoRIFT), highpass, lee (filtro speckle). Per modificarne le impostazioni, eseguire l'algoritmo separatamente.</translation>
    </message>
    <message>
      <source>Area (polygons)</source>
      <translation>Area (poligoni)</translation>
    </message>
    <message>
      <source>Area of interest</source>
      <translation>Area di interesse</translation>
    </message>
    <message>
      <source>Area of interest (extent)</source>
      <translation>Area di interesse (estensione)</translation>
    </message>
    <message>
      <source>Area of interest (polygons)</source>
      <translation>Area di interesse (poligoni)</translation>
    </message>
    <message>
      <source>Ascending node time</source>
      <translation>Istante del nodo ascendente</translation>
    </message>
    <message>
      <source>At most N pairs per image (0 = no limit)</source>
      <translation>Al massimo N coppie per immagine (0 = nessun limite)</translation>
    </message>
    <message>
      <source>Attachment</source>
      <translation>Aderenza ai dati (attachment)</translation>
    </message>
    <message>
      <source>Averaging window size (pixels)</source>
      <translation>Dimensione della finestra di media (pixel)</translation>
    </message>
    <message>
      <source>Averaging window; larger values are more robust to noise and blur motion boundaries.</source>
      <translation>Finestra di media; valori maggiori sono più robusti al rumore ma sfumano i bordi del movimento.</translation>
    </message>
    <message>
      <source>Azimuth looks (0 = estimate)</source>
      <translation>Look in azimut (0 = stima)</translation>
    </message>
    <message>
      <source>Azimuth pixel spacing (m)</source>
      <translation>Spaziatura dei pixel in azimut (m)</translation>
    </message>
    <message>
      <source>Backscatter quantity: sigma0 (ground), beta0 (slant/radar brightness) or gamma0 (ellipsoid-normalised; not terrain-flattened).</source>
      <translation>Grandezza di retrodiffusione: sigma0 (al suolo), beta0 (luminosità radar in slant range) o gamma0 (normalizzato sull'ellissoide; senza terrain flattening).</translation>
    </message>
    <message>
      <source>Band</source>
      <translation>Banda</translation>
    </message>
    <message>
      <source>Band of the reference image to track (1 = first).</source>
      <translation>Banda dell'immagine di riferimento da usare per il tracciamento (1 = la prima).</translation>
    </message>
    <message>
      <source>Band of the target image to track (1 = first).</source>
      <translation>Banda dell'immagine target da usare per il tracciamento (1 = la prima).</translation>
    </message>
    <message>
      <source>Band to process (1 = first).</source>
      <translation>Banda da elaborare (1 = la prima).</translation>
    </message>
    <message>
      <source>Band used to estimate the shift (1 = first).</source>
      <translation>Banda usata per stimare la traslazione (1 = la prima).</translation>
    </message>
    <message>
      <source>Bands</source>
      <translation>Bande</translation>
    </message>
    <message>
      <source>Bands (1-based cube indices, optional)</source>
      <translation>Bande (indici nel cubo a partire da 1, opzionale)</translation>
    </message>
    <message>
      <source>Bands to combine; leave empty for the luminance of bands 1-3.</source>
      <translation>Bande da combinare; lasciare vuoto per la luminanza delle bande 1-3.</translation>
    </message>
    <message>
      <source>Bias model</source>
      <translation>Modello del bias</translation>
    </message>
    <message>
      <source>Both images preprocessed with '{0}'</source>
      <translation>Entrambe le immagini pre-elaborate con '{0}'</translation>
    </message>
    <message>
      <source>CLAHE (adaptive equalisation)</source>
      <translation>CLAHE (equalizzazione adattiva)</translation>
    </message>
    <message>
      <source>COSMO-SkyMed</source>
      <translation>COSMO-SkyMed</translation>
    </message>
    <message>
      <source>COSMO-SkyMed SCS_B product (.h5)</source>
      <translation>Prodotto COSMO-SkyMed SCS_B (.h5)</translation>
    </message>
    <message>
      <source>COSMO-SkyMed amplitude to GeoTIFF</source>
      <translation>Da ampiezza COSMO-SkyMed a GeoTIFF</translation>
    </message>
    <message>
      <source>COSMO-SkyMed file (.h5)</source>
      <translation>File COSMO-SkyMed (.h5)</translation>
    </message>
    <message>
      <source>COSMO-SkyMed files (.h5)</source>
      <translation>File COSMO-SkyMed (.h5, uno o più)</translation>
    </message>
    <message>
      <source>COSMO-SkyMed metadata and footprints</source>
      <translation>Metadati e impronte COSMO-SkyMed</translation>
    </message>
    <message>
      <source>COSMO-SkyMed preprocessing with SNAP</source>
      <translation>Pre-elaborazione COSMO-SkyMed con SNAP</translation>
    </message>
    <message>
      <source>COSMO-SkyMed quicklook</source>
      <translation>Quicklook COSMO-SkyMed</translation>
    </message>
    <message>
      <source>CRS of the terrain-corrected output; empty = the UTM zone of the scene (SNAP AUTO:42001).</source>
      <translation>SR dell'output con correzione del terreno; vuoto = la zona UTM della scena (SNAP AUTO:42001).</translation>
    </message>
    <message>
      <source>CSV (or JSON) table: component, before/after, median, NMAD, RMSE, count.</source>
      <translation>Tabella CSV (o JSON): componente, prima/dopo, mediana, NMAD, RMSE, numero di vettori.</translation>
    </message>
    <message>
      <source>CSV (or JSON) table: filter, number of vectors removed, fraction of the input vectors.</source>
      <translation>Tabella CSV (o JSON): filtro, numero di vettori rimossi, frazione dei vettori di input.</translation>
    </message>
    <message>
      <source>CSV pair table (reference, target, reference_date, target_date). Leave empty to build the network from the images below and the rules.</source>
      <translation>Tabella delle coppie in CSV (reference, target, reference_date, target_date). Lasciare vuoto per costruire la rete a partire dalle immagini indicate sotto e dalle regole.</translation>
    </message>
    <message>
      <source>CSV table of the pairs (one row per pair), the input of sensetrack:trackpairs.</source>
      <translation>Tabella CSV delle coppie (una riga per coppia), l'input di sensetrack:trackpairs.</translation>
    </message>
    <message>
      <source>CSV: cube, band, wavelength_nm, fwhm_nm.</source>
      <translation>CSV: cube, band, wavelength_nm, fwhm_nm.</translation>
    </message>
    <message>
      <source>CSV: one row per velocity, then the results ('# failure_time', '# failure_sigma_days', …, '# warning').</source>
      <translation>CSV: una riga per ogni velocità, poi i risultati ('# failure_time', '# failure_sigma_days', …, '# warning').</translation>
    </message>
    <message>
      <source>Calibrated GeoTIFF</source>
      <translation>GeoTIFF calibrato</translation>
    </message>
    <message>
      <source>Calibration</source>
      <translation>Calibrazione</translation>
    </message>
    <message>
      <source>Choose at least one output (OUTPUT or OUTPUT_POINTS).</source>
      <translation>Scegliere almeno un output (OUTPUT o OUTPUT_POINTS).</translation>
    </message>
    <message>
      <source>Clip limit</source>
      <translation>Limite di contrasto (clip limit)</translation>
    </message>
    <message>
      <source>Co-register target to reference</source>
      <translation>Coregistra il target sul riferimento</translation>
    </message>
    <message>
      <source>Co-registered target</source>
      <translation>Target coregistrato</translation>
    </message>
    <message>
      <source>Coarse-to-fine levels</source>
      <translation>Livelli multiscala (coarse-to-fine)</translation>
    </message>
    <message>
      <source>Comma-separated Sentinel-2 band names to keep.</source>
      <translation>Nomi delle bande Sentinel-2 da mantenere, separati da virgola.</translation>
    </message>
    <message>
      <source>Comma-separated band numbers as stored in the cube, e.g. 20, 31, 45. Empty: all.</source>
      <translation>Numeri delle bande separati da virgola, come memorizzati nel cubo, ad es. 20, 31, 45. Vuoto: tutte.</translation>
    </message>
    <message>
      <source>Comma-separated band numbers: 8 (15 m panchromatic, Level-1 only; the default) or any reflective band (1-9 Level-1, 1-7 Level-2). Several bands are put on the grid of the finest.</source>
      <translation>Numeri delle bande separati da virgola: 8 (pancromatica a 15 m, solo Level-1; valore predefinito) o qualsiasi banda riflettiva (1-9 Level-1, 1-7 Level-2). Più bande vengono portate sulla griglia della più fine.</translation>
    </message>
    <message>
      <source>Comma-separated bands, e.g. B08 (10 m near infrared, the default) or B04,B08,B8A. Written in this order at the finest resolution among them.</source>
      <translation>Bande separate da virgola, ad es. B08 (infrarosso vicino a 10 m, valore predefinito) o B04,B08,B8A. Scritte in quest'ordine alla risoluzione più fine tra quelle delle bande indicate.</translation>
    </message>
    <message>
      <source>Comma-separated wavelengths; the nearest delivered band of each is written.</source>
      <translation>Lunghezze d'onda separate da virgola; per ciascuna viene scritta la banda fornita più vicina.</translation>
    </message>
    <message>
      <source>Comma-separated weights, one per chosen band (e.g. 0.5, 0.5); empty = equal weights.</source>
      <translation>Pesi separati da virgola, uno per ogni banda scelta (ad es. 0.5, 0.5); vuoto = pesi uguali.</translation>
    </message>
    <message>
      <source>Contrast limit of OpenCV's CLAHE (histogram bins are clipped at this multiple of their mean height); 1 = no contrast enhancement, 2-4 typical.</source>
      <translation>Limite di contrasto del CLAHE di OpenCV (le classi dell'istogramma vengono troncate a questo multiplo della loro altezza media); 1 = nessun aumento del contrasto, valori tipici 2-4.</translation>
    </message>
    <message>
      <source>Convergence tolerance.</source>
      <translation>Tolleranza di convergenza.</translation>
    </message>
    <message>
      <source>Corrected result</source>
      <translation>Risultato corretto</translation>
    </message>
    <message>
      <source>Corrected result (points)</source>
      <translation>Risultato corretto (punti)</translation>
    </message>
    <message>
      <source>Correlation window side. Ignored by the dense trackers.</source>
      <translation>Lato della finestra di correlazione. Ignorato dai metodi densi.</translation>
    </message>
    <message>
      <source>Cube</source>
      <translation>Cubo</translation>
    </message>
    <message>
      <source>Cumulative DX per date</source>
      <translation>DX cumulato per data</translation>
    </message>
    <message>
      <source>Cumulative DY per date</source>
      <translation>DY cumulato per data</translation>
    </message>
    <message>
      <source>DEM</source>
      <translation>DEM</translation>
    </message>
    <message>
      <source>DEM for the downslope test</source>
      <translation>DEM per il test della direzione di massima pendenza</translation>
    </message>
    <message>
      <source>DEM slope error (1 sigma), degrees</source>
      <translation>Errore di pendenza del DEM (1 sigma), gradi</translation>
    </message>
    <message>
      <source>DEM smoothing length, map units (0 = none)</source>
      <translation>Lunghezza di smussamento del DEM, unità di mappa (0 = nessuno)</translation>
    </message>
    <message>
      <source>Data-term weight: smaller values give smoother flow.</source>
      <translation>Peso del termine dei dati: valori più piccoli producono un flusso più regolare.</translation>
    </message>
    <message>
      <source>Date table (CSV: path, date)</source>
      <translation>Tabella delle date (CSV: percorso, data)</translation>
    </message>
    <message>
      <source>Dated raster images of the same area, on one grid. Give layers here and/or a folder below.</source>
      <translation>Immagini raster datate della stessa area, su un'unica griglia. Indicare qui i layer e/o una cartella più sotto.</translation>
    </message>
    <message>
      <source>Days between the acquisitions</source>
      <translation>Giorni tra le acquisizioni</translation>
    </message>
    <message>
      <source>Denoise (Lee / SVD)</source>
      <translation>Riduzione del rumore (Lee / SVD)</translation>
    </message>
    <message>
      <source>Dense optical flow (Farnebäck)</source>
      <translation>Flusso ottico denso (Farnebäck)</translation>
    </message>
    <message>
      <source>Dense optical flow (TV-L1)</source>
      <translation>Flusso ottico denso (TV-L1)</translation>
    </message>
    <message>
      <source>Dense optical flow (iterative Lucas-Kanade)</source>
      <translation>Flusso ottico denso (Lucas-Kanade iterativo)</translation>
    </message>
    <message>
      <source>Digital elevation model in any CRS and resolution (heights in metres), used only when MAX_DOWNSLOPE_ANGLE &gt; 0; resampled to the result's grid with averaging over each cell.</source>
      <translation>Modello digitale di elevazione in qualsiasi SR e risoluzione (quote in metri), usato solo se MAX_DOWNSLOPE_ANGLE &gt; 0; ricampionato sulla griglia del risultato calcolando la media su ogni cella.</translation>
    </message>
    <message>
      <source>Digital elevation model, any CRS and resolution, heights in metres (the unit of the result's CRS). A DEM without a CRS is taken to be in the result's CRS.</source>
      <translation>Modello digitale di elevazione, qualsiasi SR e risoluzione, quote in metri (l'unità del SR del risultato). Un DEM senza SR viene considerato nel SR del risultato.</translation>
    </message>
    <message>
      <source>Direction filter minimum magnitude, pixels</source>
      <translation>Filtro direzione: modulo minimo, pixel</translation>
    </message>
    <message>
      <source>Direction filter neighbourhood radius (cells)</source>
      <translation>Filtro direzione: raggio dell'intorno (celle)</translation>
    </message>
    <message>
      <source>Displacement</source>
      <translation>Spostamento</translation>
    </message>
    <message>
      <source>Displacement points</source>
      <translation>Punti di spostamento</translation>
    </message>
    <message>
      <source>Displacement report (HTML)</source>
      <translation>Rapporto sugli spostamenti (HTML)</translation>
    </message>
    <message>
      <source>Displacement result</source>
      <translation>Risultato di spostamento</translation>
    </message>
    <message>
      <source>Displacement time series (inversion)</source>
      <translation>Serie temporale degli spostamenti (inversione)</translation>
    </message>
    <message>
      <source>Displacement to velocity</source>
      <translation>Da spostamento a velocità</translation>
    </message>
    <message>
      <source>Downslope test: DEM smoothing length, map units</source>
      <translation>Test della direzione di massima pendenza: lunghezza di smussamento del DEM, unità di mappa</translation>
    </message>
    <message>
      <source>Downslope test: minimum slope, degrees</source>
      <translation>Test della direzione di massima pendenza: pendenza minima, gradi</translation>
    </message>
    <message>
      <source>Downslope-consistency test with a DEM: remove vectors pointing more than this many degrees away from the downslope direction (uphill or across the slope), e.g. 90 removes uphill motion, 45 also motion mostly across the slope. Only vectors longer than the direction filter's minimum magnitude, on slopes steeper than the minimum slope, with a DEM value are tested. MASK bit 128.</source>
      <translation>Test di coerenza con la direzione di massima pendenza basato su un DEM: rimuove i vettori che si discostano di oltre questo numero di gradi dalla direzione di massima pendenza (verso monte o trasversalmente al versante), ad es. 90 rimuove il movimento verso monte, 45 anche il movimento prevalentemente trasversale al versante. Vengono testati solo i vettori più lunghi del modulo minimo del filtro direzione, su pendenze superiori alla pendenza minima e con un valore del DEM. Bit 128 di MASK.</translation>
    </message>
    <message>
      <source>Empty = in this QGIS, block after block, each solved on two threads; local:N = N worker processes on this machine; tcp://host:port = a running Dask cluster whose workers have the sensetrack package installed (pip install .) and see the same files. Without Dask (python3-distributed) local:N runs here and says how to install it.</source>
      <translation>Vuoto = in questa sessione di QGIS, un blocco dopo l'altro, ciascuno risolto su due thread; local:N = N processi worker su questa macchina; tcp://host:port = un cluster Dask in esecuzione i cui worker hanno il pacchetto sensetrack installato (pip install .) e vedono gli stessi file. Senza Dask (python3-distributed), local:N viene eseguito qui e indica come installarlo.</translation>
    </message>
    <message>
      <source>Empty = in this QGIS, one pair after the other (each tracker uses two threads); local:N = N worker processes on this machine; tcp://host:port = a running Dask cluster whose workers have the sensetrack package installed (pip install .) and see the same files. Without Dask (python3-distributed) local:N runs here and says how to install it.</source>
      <translation>Vuoto = in questa sessione di QGIS, una coppia dopo l'altra (ogni algoritmo di tracciamento usa due thread); local:N = N processi worker su questa macchina; tcp://host:port = un cluster Dask in esecuzione i cui worker hanno il pacchetto sensetrack installato (pip install .) e vedono gli stessi file. Senza Dask (python3-distributed), local:N viene eseguito qui e indica come installarlo.</translation>
    </message>
    <message>
      <source>Empty: the product's UTM grid. Otherwise the bands are warped to this CRS.</source>
      <translation>Vuoto: la griglia UTM del prodotto. Altrimenti le bande vengono riproiettate in questo SR.</translation>
    </message>
    <message>
      <source>Equivalent number of looks (Lee)</source>
      <translation>Numero equivalente di look (Lee)</translation>
    </message>
    <message>
      <source>Estimate and remove a global shift</source>
      <translation>Stima e rimuovi una traslazione globale</translation>
    </message>
    <message>
      <source>Expected processing level</source>
      <translation>Livello di elaborazione atteso</translation>
    </message>
    <message>
      <source>Extent to keep (any CRS; converted to a lon/lat polygon for SNAP's Subset).</source>
      <translation>Estensione da mantenere (qualsiasi SR; convertita in un poligono lon/lat per l'operatore Subset di SNAP).</translation>
    </message>
    <message>
      <source>Extent to read, in any CRS. Empty: the whole product.</source>
      <translation>Estensione da leggere, in qualsiasi SR. Vuoto: l'intero prodotto.</translation>
    </message>
    <message>
      <source>Extracted bands</source>
      <translation>Bande estratte</translation>
    </message>
    <message>
      <source>File name prefix</source>
      <translation>Prefisso dei nomi dei file</translation>
    </message>
    <message>
      <source>File pattern in the folder</source>
      <translation>Modello dei nomi dei file nella cartella</translation>
    </message>
    <message>
      <source>Files written (JSON: kind -&gt; path)</source>
      <translation>File scritti (JSON: tipo -&gt; percorso)</translation>
    </message>
    <message>
      <source>Fill holes left by the filters of at most this many vectors from their neighbours. Filled vectors are flagged in the MASK band (bit 64), never silently.</source>
      <translation>Riempie, a partire dai vettori vicini, le lacune lasciate dai filtri composte al massimo da questo numero di vettori. I vettori riempiti vengono segnalati nella banda MASK (bit 64), mai in modo silente.</translation>
    </message>
    <message>
      <source>Filter outliers</source>
      <translation>Filtra valori anomali</translation>
    </message>
    <message>
      <source>Filter outliers in every pair</source>
      <translation>Filtra i valori anomali in ogni coppia</translation>
    </message>
    <message>
      <source>Filter settings (JSON or YAML)</source>
      <translation>Impostazioni del filtro (JSON o YAML)</translation>
    </message>
    <message>
      <source>Filtered result</source>
      <translation>Risultato filtrato</translation>
    </message>
    <message>
      <source>Filtered result (points)</source>
      <translation>Risultato filtrato (punti)</translation>
    </message>
    <message>
      <source>Fixed-point iterations per warp.</source>
      <translation>Iterazioni di punto fisso per ogni deformazione (warp).</translation>
    </message>
    <message>
      <source>Flatter ground has no meaningful downslope direction and is not tested.</source>
      <translation>Il terreno più pianeggiante non ha una direzione di massima pendenza significativa e non viene testato.</translation>
    </message>
    <message>
      <source>Float32 GeoTIFF, NaN nodata, one band named e.g. SIGMA0_VV.</source>
      <translation>GeoTIFF float32, nodata NaN, una banda denominata ad es. SIGMA0_VV.</translation>
    </message>
    <message>
      <source>Float32 GeoTIFF, NaN nodata, one band per requested band, dated metadata.</source>
      <translation>GeoTIFF float32, nodata NaN, una banda per ogni banda richiesta, metadati con la data.</translation>
    </message>
    <message>
      <source>Float32 GeoTIFF.</source>
      <translation>GeoTIFF float32.</translation>
    </message>
    <message>
      <source>Folder</source>
      <translation>Cartella</translation>
    </message>
    <message>
      <source>Folder of the pair products (YYYYMMDD_YYYYMMDD.tif). Reuse it to resume a run.</source>
      <translation>Cartella dei prodotti delle coppie (YYYYMMDD_YYYYMMDD.tif). Riutilizzarla per riprendere un'esecuzione.</translation>
    </message>
    <message>
      <source>Folder of the time-series files.</source>
      <translation>Cartella dei file della serie temporale.</translation>
    </message>
    <message>
      <source>Footprint</source>
      <translation>Impronta</translation>
    </message>
    <message>
      <source>Footprint (WKT)</source>
      <translation>Impronta (WKT)</translation>
    </message>
    <message>
      <source>Footprints</source>
      <translation>Impronte</translation>
    </message>
    <message>
      <source>Fraction of input vectors kept</source>
      <translation>Frazione di vettori di input mantenuti</translation>
    </message>
    <message>
      <source>Fraction of pixels with a result</source>
      <translation>Frazione di pixel con un risultato</translation>
    </message>
    <message>
      <source>Fraction of the output covered by the product</source>
      <translation>Frazione dell'output coperta dal prodotto</translation>
    </message>
    <message>
      <source>Fraction of the output left valid after masking</source>
      <translation>Frazione dell'output rimasta valida dopo il mascheramento</translation>
    </message>
    <message>
      <source>Fraction of valid pixels in the output</source>
      <translation>Frazione di pixel validi nell'output</translation>
    </message>
    <message>
      <source>Fraction of windows with a result</source>
      <translation>Frazione di finestre con un risultato</translation>
    </message>
    <message>
      <source>GDAL resampling used by the warp; 'average' when the output pixel is much larger than the product's.</source>
      <translation>Ricampionamento GDAL usato dalla riproiezione (warp); 'average' se il pixel di output è molto più grande di quello del prodotto.</translation>
    </message>
    <message>
      <source>GDAL resampling: near (keeps values), bilinear, cubic, cubicspline, lanczos (sharpest) or average (for a much coarser reference).</source>
      <translation>Ricampionamento GDAL: near (mantiene i valori), bilinear, cubic, cubicspline, lanczos (il più nitido) o average (per un riferimento molto più grossolano).</translation>
    </message>
    <message>
      <source>Gaussian high-pass</source>
      <translation>Filtro passa-alto gaussiano</translation>
    </message>
    <message>
      <source>Gaussian sigma (pixels)</source>
      <translation>Sigma gaussiana (pixel)</translation>
    </message>
    <message>
      <source>Gaussian sigma of the polynomial expansion; 1.1 for poly_n=5, 1.5 for poly_n=7.</source>
      <translation>Sigma gaussiana dell'espansione polinomiale; 1,1 per poly_n=5, 1,5 per poly_n=7.</translation>
    </message>
    <message>
      <source>Gaussian window</source>
      <translation>Finestra gaussiana</translation>
    </message>
    <message>
      <source>GeoPackage point layer 'displacements' in the SenseTrack format (optional).</source>
      <translation>Layer di punti GeoPackage 'displacements' nel formato SenseTrack (opzionale).</translation>
    </message>
    <message>
      <source>GeoTIFF in the SenseTrack displacement format (a point input is written on its grid).</source>
      <translation>GeoTIFF nel formato di spostamento SenseTrack (un input a punti viene scritto sulla sua griglia).</translation>
    </message>
    <message>
      <source>GeoTIFF on the input grid.</source>
      <translation>GeoTIFF sulla griglia dell'input.</translation>
    </message>
    <message>
      <source>GeoTIFF on the step grid: DX, DY, MAGNITUDE, DIRECTION, COL_SHIFT, ROW_SHIFT and the quality bands.</source>
      <translation>GeoTIFF sulla griglia definita dal passo: DX, DY, MAGNITUDE, DIRECTION, COL_SHIFT, ROW_SHIFT e le bande di qualità.</translation>
    </message>
    <message>
      <source>GeoTIFF with bands DX, DY, MAGNITUDE, DIRECTION (and MATCH). Large rasters are processed in overlapping blocks, so memory does not grow with the scene.</source>
      <translation>GeoTIFF con le bande DX, DY, MAGNITUDE, DIRECTION (e MATCH). I raster di grandi dimensioni vengono elaborati in blocchi sovrapposti, quindi la memoria non cresce con la scena.</translation>
    </message>
    <message>
      <source>GeoTIFF written by gpt's Write node.</source>
      <translation>GeoTIFF scritto dal nodo Write di gpt.</translation>
    </message>
    <message>
      <source>Grid step (pixels)</source>
      <translation>Passo della griglia (pixel)</translation>
    </message>
    <message>
      <source>Grow the cloud mask by (pixels)</source>
      <translation>Ampliamento della maschera delle nuvole (pixel)</translation>
    </message>
    <message>
      <source>High percentile (percentile stretch)</source>
      <translation>Percentile superiore (stiramento tra percentili)</translation>
    </message>
    <message>
      <source>Histogram equalisation</source>
      <translation>Equalizzazione dell'istogramma</translation>
    </message>
    <message>
      <source>Histories plotted</source>
      <translation>Storie rappresentate</translation>
    </message>
    <message>
      <source>Image scale (&lt;1) between pyramid levels; 0.5 halves each level.</source>
      <translation>Fattore di scala dell'immagine (&lt;1) tra i livelli della piramide; 0,5 dimezza ogni livello.</translation>
    </message>
    <message>
      <source>Images</source>
      <translation>Immagini</translation>
    </message>
    <message>
      <source>Indicated failure time (ISO, empty if none)</source>
      <translation>Tempo di rottura indicato (ISO, vuoto se assente)</translation>
    </message>
    <message>
      <source>Input image</source>
      <translation>Immagine di input</translation>
    </message>
    <message>
      <source>Interpolate holes up to this many vectors (0 = off)</source>
      <translation>Interpola lacune fino a questo numero di vettori (0 = disattivato)</translation>
    </message>
    <message>
      <source>Inverse velocity (failure-time indicator)</source>
      <translation>Velocità inversa (indicatore del tempo di rottura)</translation>
    </message>
    <message>
      <source>Iterations</source>
      <translation>Iterazioni</translation>
    </message>
    <message>
      <source>Iterations per level</source>
      <translation>Iterazioni per livello</translation>
    </message>
    <message>
      <source>Iteratively down-weight pairs whose residual is large compared with the pixel's other pairs, so that a few bad pairs do not bend the history.</source>
      <translation>Riduce iterativamente il peso delle coppie il cui residuo è grande rispetto alle altre coppie del pixel, in modo che poche coppie errate non deformino la storia.</translation>
    </message>
    <message>
      <source>JSON file with all the metadata read from the product.</source>
      <translation>File JSON con tutti i metadati letti dal prodotto.</translation>
    </message>
    <message>
      <source>Java heap (e.g. 8G, empty = SNAP's default)</source>
      <translation>Heap Java (ad es. 8G, vuoto = valore predefinito di SNAP)</translation>
    </message>
    <message>
      <source>Keep only pairs whose days of the year are within this many days (across the new year), which avoids the illumination (shadow) bias of cross-season pairs on mountain slopes.</source>
      <translation>Mantiene solo le coppie i cui giorni dell'anno distano al massimo questo numero di giorni (anche a cavallo del nuovo anno): si evita così il bias di illuminazione (ombre) delle coppie tra stagioni diverse sui versanti montuosi.</translation>
    </message>
    <message>
      <source>Landsat 8/9 to reflectance GeoTIFF</source>
      <translation>Da Landsat 8/9 a GeoTIFF di riflettanza</translation>
    </message>
    <message>
      <source>Landsat product (.tar or *_MTL.txt / *_MTL.xml)</source>
      <translation>Prodotto Landsat (.tar o *_MTL.txt / *_MTL.xml)</translation>
    </message>
    <message>
      <source>Leave empty to keep the product geometry; otherwise the image is warped to a north-up grid in this CRS, which the trackers need.</source>
      <translation>Lasciare vuoto per mantenere la geometria del prodotto; altrimenti l'immagine viene riproiettata in questo SR su una griglia orientata a nord, necessaria agli algoritmi di tracciamento.</translation>
    </message>
    <message>
      <source>Leave empty to use the nodata value or mask declared in the file.</source>
      <translation>Lasciare vuoto per usare il valore nodata o la maschera dichiarati nel file.</translation>
    </message>
    <message>
      <source>Lee window size (pixels)</source>
      <translation>Dimensione della finestra di Lee (pixel)</translation>
    </message>
    <message>
      <source>Limit the pairs each image takes part in; the shortest baselines are kept first.</source>
      <translation>Limita il numero di coppie a cui partecipa ogni immagine; vengono mantenute per prime le baseline più brevi.</translation>
    </message>
    <message>
      <source>Low percentile (percentile stretch)</source>
      <translation>Percentile inferiore (stiramento tra percentili)</translation>
    </message>
    <message>
      <source>MATCH: correlation (-1..1) of the fine texture of the reference and the motion-compensated target in a 7x7 window; low values flag vectors where the images do not match (used by the post-processing filters and the uncertainty model). Turn it off for a faster run.</source>
      <translation>MATCH: correlazione (-1..1) della tessitura fine dell'immagine di riferimento e dell'immagine target con movimento compensato, in una finestra 7x7; valori bassi segnalano i vettori in cui le immagini non corrispondono (usata dai filtri di post-elaborazione e dal modello di incertezza). Disattivarla per un'esecuzione più rapida.</translation>
    </message>
    <message>
      <source>Mask clouds, cloud shadows and cirrus</source>
      <translation>Maschera nuvole, ombre delle nuvole e cirri</translation>
    </message>
    <message>
      <source>Mask snow and ice too</source>
      <translation>Maschera anche neve e ghiaccio</translation>
    </message>
    <message>
      <source>Maximum Java heap for gpt, passed as _JAVA_OPTIONS=-Xmx&lt;value&gt;.</source>
      <translation>Heap Java massimo per gpt, passato come _JAVA_OPTIONS=-Xmx&lt;value&gt;.</translation>
    </message>
    <message>
      <source>Maximum angle from downslope, degrees</source>
      <translation>Angolo massimo dalla direzione di massima pendenza, gradi</translation>
    </message>
    <message>
      <source>Maximum angle from downslope, degrees (0 = off; needs a DEM)</source>
      <translation>Angolo massimo dalla direzione di massima pendenza, gradi (0 = disattivato; richiede un DEM)</translation>
    </message>
    <message>
      <source>Maximum direction difference to neighbours, degrees (0 = off)</source>
      <translation>Differenza massima di direzione dai vicini, gradi (0 = disattivato)</translation>
    </message>
    <message>
      <source>Maximum expected displacement (pixels)</source>
      <translation>Spostamento massimo atteso (pixel)</translation>
    </message>
    <message>
      <source>Maximum plausible displacement, pixels (0 = off)</source>
      <translation>Spostamento massimo plausibile, pixel (0 = disattivato)</translation>
    </message>
    <message>
      <source>Maximum plausible velocity, map units per year (0 = off)</source>
      <translation>Velocità massima plausibile, unità di mappa all'anno (0 = disattivato)</translation>
    </message>
    <message>
      <source>Maximum temporal baseline, days (0 = no limit)</source>
      <translation>Baseline temporale massima, giorni (0 = nessun limite)</translation>
    </message>
    <message>
      <source>Mean incidence angle (degrees)</source>
      <translation>Angolo di incidenza medio (gradi)</translation>
    </message>
    <message>
      <source>Measure the residual sub-pixel offset between the images and remove it.</source>
      <translation>Misura l'offset subpixel residuo tra le immagini e lo rimuove.</translation>
    </message>
    <message>
      <source>Median DX {0:.4g}, median DY {1:.4g}, maximum magnitude {2:.4g} ({3})</source>
      <translation>Mediana DX {0:.4g}, mediana DY {1:.4g}, modulo massimo {2:.4g} ({3})</translation>
    </message>
    <message>
      <source>Median DZ of the unflagged vectors</source>
      <translation>DZ mediano dei vettori non segnalati</translation>
    </message>
    <message>
      <source>Median test neighbour spacing (cells)</source>
      <translation>Test della mediana: spaziatura dei vicini (celle)</translation>
    </message>
    <message>
      <source>Median test neighbourhood radius (cells)</source>
      <translation>Test della mediana: raggio dell'intorno (celle)</translation>
    </message>
    <message>
      <source>Median test noise level, pixels</source>
      <translation>Test della mediana: livello di rumore, pixel</translation>
    </message>
    <message>
      <source>Median velocity</source>
      <translation>Velocità mediana</translation>
    </message>
    <message>
      <source>Median-filter the flow estimate between warps (removes outliers).</source>
      <translation>Applica un filtro mediano alla stima del flusso tra una deformazione e l'altra (rimuove i valori anomali).</translation>
    </message>
    <message>
      <source>Metadata (JSON)</source>
      <translation>Metadati (JSON)</translation>
    </message>
    <message>
      <source>Method</source>
      <translation>Metodo</translation>
    </message>
    <message>
      <source>Minimum SNR (0 = off)</source>
      <translation>SNR minimo (0 = disattivato)</translation>
    </message>
    <message>
      <source>Minimum clump size, vectors (0 = off)</source>
      <translation>Dimensione minima dei gruppi, vettori (0 = disattivato)</translation>
    </message>
    <message>
      <source>Minimum correlation PEAK (0 = off)</source>
      <translation>PEAK di correlazione minimo (0 = disattivato)</translation>
    </message>
    <message>
      <source>Minimum slope, degrees</source>
      <translation>Pendenza minima, gradi</translation>
    </message>
    <message>
      <source>Minimum temporal baseline, days</source>
      <translation>Baseline temporale minima, giorni</translation>
    </message>
    <message>
      <source>Minimum velocities in the fitted part</source>
      <translation>Numero minimo di velocità nel tratto adattato</translation>
    </message>
    <message>
      <source>Missing Python package(s): {0}. {1}</source>
      <translation>Pacchetti Python mancanti: {0}. {1}</translation>
    </message>
    <message>
      <source>Multi-band float32 GeoTIFF.</source>
      <translation>GeoTIFF float32 multibanda.</translation>
    </message>
    <message>
      <source>Multi-band to grayscale</source>
      <translation>Da multibanda a scala di grigi</translation>
    </message>
    <message>
      <source>Neighbourhood for the polynomial expansion; typically 5 or 7.</source>
      <translation>Intorno per l'espansione polinomiale; tipicamente 5 o 7.</translation>
    </message>
    <message>
      <source>Neighbourhood of the direction-consistency filter.</source>
      <translation>Intorno del filtro di coerenza della direzione.</translation>
    </message>
    <message>
      <source>Network picture</source>
      <translation>Immagine della rete</translation>
    </message>
    <message>
      <source>No pixel has a result: the images have no texture in common (constant or nodata), so there is nothing to track. Check the bands and the nodata values.</source>
      <translation>Nessun pixel ha un risultato: le immagini non hanno tessitura in comune (costante o nodata), quindi non c'è nulla da tracciare. Controllare le bande e i valori nodata.</translation>
    </message>
    <message>
      <source>Nodata value (overrides the file's)</source>
      <translation>Valore nodata (sostituisce quello del file)</translation>
    </message>
    <message>
      <source>Normalised cross-correlation (NCC)</source>
      <translation>Correlazione incrociata normalizzata (NCC)</translation>
    </message>
    <message>
      <source>Normalised median test threshold (0 = off)</source>
      <translation>Soglia del test della mediana normalizzato (0 = disattivato)</translation>
    </message>
    <message>
      <source>Normalize</source>
      <translation>Normalizza</translation>
    </message>
    <message>
      <source>Not enough memory. Try a smaller area or fewer bands.</source>
      <translation>Memoria insufficiente. Provare con un'area più piccola o con meno bande.</translation>
    </message>
    <message>
      <source>Number of dates</source>
      <translation>Numero di date</translation>
    </message>
    <message>
      <source>Number of disconnected groups of dates (1 = fully connected)</source>
      <translation>Numero di gruppi di date non connessi (1 = completamente connessa)</translation>
    </message>
    <message>
      <source>Number of files read</source>
      <translation>Numero di file letti</translation>
    </message>
    <message>
      <source>Number of iterations at each pyramid level.</source>
      <translation>Numero di iterazioni per ogni livello della piramide.</translation>
    </message>
    <message>
      <source>Number of pairs</source>
      <translation>Numero di coppie</translation>
    </message>
    <message>
      <source>Number of pyramid levels including the full-resolution image; more levels follow larger motion.</source>
      <translation>Numero di livelli della piramide, inclusa l'immagine a piena risoluzione; più livelli permettono di seguire movimenti più ampi.</translation>
    </message>
    <message>
      <source>Number of singular values kept in each patch.</source>
      <translation>Numero di valori singolari mantenuti in ogni riquadro.</translation>
    </message>
    <message>
      <source>Number of threads gpt uses (gpt -q).</source>
      <translation>Numero di thread usati da gpt (gpt -q).</translation>
    </message>
    <message>
      <source>Number of times the target is warped at each scale.</source>
      <translation>Numero di volte in cui l'immagine target viene deformata a ogni scala.</translation>
    </message>
    <message>
      <source>Number of times the target is warped.</source>
      <translation>Numero di volte in cui l'immagine target viene deformata.</translation>
    </message>
    <message>
      <source>Offset tracking</source>
      <translation>Tracciamento degli offset</translation>
    </message>
    <message>
      <source>Offsets larger than this (in either direction, pixels, after any coarse-to-fine prior) are rejected (NaN). 0 = no limit beyond what the window/search range can measure.</source>
      <translation>Gli offset maggiori di questo valore (in qualsiasi direzione, in pixel, dopo l'eventuale stima iniziale multiscala) vengono scartati (NaN). 0 = nessun limite oltre a quanto misurabile con la finestra/l'intervallo di ricerca.</translation>
    </message>
    <message>
      <source>One or more CSK/CSG HDF5 files.</source>
      <translation>Uno o più file HDF5 CSK/CSG.</translation>
    </message>
    <message>
      <source>One row per placeholder: its name (without ${ }) and its value.</source>
      <translation>Una riga per segnaposto: il suo nome (senza ${ }) e il suo valore.</translation>
    </message>
    <message>
      <source>Only for a time-series INPUT: the DY file when INPUT is the DX file (or the reverse), if it is not beside it with DX replaced by DY in the name.</source>
      <translation>Solo per un INPUT di serie temporale: il file DY quando INPUT è il file DX (o viceversa), se non si trova nella stessa cartella con DX sostituito da DY nel nome.</translation>
    </message>
    <message>
      <source>Optical (Sentinel-2, Landsat)</source>
      <translation>Ottico (Sentinel-2, Landsat)</translation>
    </message>
    <message>
      <source>Optional CSV with a file path (or file name) and its date (YYYY-MM-DD) per line, for files whose date is neither in their metadata nor in their name.</source>
      <translation>CSV opzionale con, per ogni riga, il percorso (o il nome) di un file e la sua data (YYYY-MM-DD), per i file la cui data non si trova né nei metadati né nel nome.</translation>
    </message>
    <message>
      <source>Optional GeoPackage point layer at the window centres with the same values (fields DX, DY, MAGNITUDE, DIRECTION, COL_SHIFT, ROW_SHIFT, PEAK, SNR[, NRMS]).</source>
      <translation>Layer di punti GeoPackage opzionale nei centri delle finestre, con gli stessi valori (campi DX, DY, MAGNITUDE, DIRECTION, COL_SHIFT, ROW_SHIFT, PEAK, SNR[, NRMS]).</translation>
    </message>
    <message>
      <source>Optional output extent (reprojected to the target CRS). Empty: the whole product. Use the same extent for both images of a pair so they share one grid.</source>
      <translation>Estensione di output opzionale (riproiettata nel SR di destinazione). Vuoto: l'intero prodotto. Usare la stessa estensione per entrambe le immagini di una coppia, in modo che condividano un'unica griglia.</translation>
    </message>
    <message>
      <source>Optional: the stable ground for the histograms and statistics.</source>
      <translation>Opzionale: il terreno stabile per gli istogrammi e le statistiche.</translation>
    </message>
    <message>
      <source>Orientation image</source>
      <translation>Immagine di orientazione</translation>
    </message>
    <message>
      <source>Output CRS. Empty: the WGS 84 / UTM zone of the scene centre.</source>
      <translation>SR di output. Vuoto: il SR WGS 84 / UTM della zona del centro della scena.</translation>
    </message>
    <message>
      <source>Output data type</source>
      <translation>Tipo di dato di output</translation>
    </message>
    <message>
      <source>Output files are PREFIX_dx.tif, PREFIX_dy.tif, ... in the output folder.</source>
      <translation>I file di output sono PREFIX_dx.tif, PREFIX_dy.tif, ... nella cartella di output.</translation>
    </message>
    <message>
      <source>Output folder</source>
      <translation>Cartella di output</translation>
    </message>
    <message>
      <source>Output in dB</source>
      <translation>Scrivi l'output in dB</translation>
    </message>
    <message>
      <source>Output map projection</source>
      <translation>Proiezione cartografica di output</translation>
    </message>
    <message>
      <source>Output pixel size in target CRS units. 0 uses the product's range pixel spacing (10 m for IW GRDH). Use the same value for both images of a pair.</source>
      <translation>Dimensione del pixel di output in unità del SR di destinazione. 0 usa la spaziatura dei pixel in range del prodotto (10 m per IW GRDH). Usare lo stesso valore per entrambe le immagini di una coppia.</translation>
    </message>
    <message>
      <source>Output pixel size when warping; 0 lets GDAL choose one close to the product's.</source>
      <translation>Dimensione del pixel di output nella riproiezione; 0 lascia a GDAL la scelta di un valore vicino a quello del prodotto.</translation>
    </message>
    <message>
      <source>Output pixel size; 0 keeps the native one (10 m Sentinel-2, 15 m Landsat band 8). Required for a geographic target CRS.</source>
      <translation>Dimensione del pixel di output; 0 mantiene quella nativa (10 m Sentinel-2, 15 m Landsat banda 8). Obbligatoria per un SR di destinazione geografico.</translation>
    </message>
    <message>
      <source>Output pixel spacing of the terrain correction, in metres.</source>
      <translation>Spaziatura dei pixel di output della correzione del terreno, in metri.</translation>
    </message>
    <message>
      <source>PNG of the network: dates on the time axis, pairs as arcs (height = baseline).</source>
      <translation>PNG della rete: date sull'asse dei tempi, coppie rappresentate come archi (altezza = baseline).</translation>
    </message>
    <message>
      <source>PNG picture or GeoTIFF with corner GCPs.</source>
      <translation>Immagine PNG o GeoTIFF con GCP agli angoli.</translation>
    </message>
    <message>
      <source>PRISMA</source>
      <translation>PRISMA</translation>
    </message>
    <message>
      <source>PRISMA cube to GeoTIFF</source>
      <translation>Da cubo PRISMA a GeoTIFF</translation>
    </message>
    <message>
      <source>PRISMA file (.he5)</source>
      <translation>File PRISMA (.he5)</translation>
    </message>
    <message>
      <source>PRISMA metadata and wavelengths</source>
      <translation>Metadati e lunghezze d'onda PRISMA</translation>
    </message>
    <message>
      <source>Pair displacement products</source>
      <translation>Prodotti di spostamento delle coppie</translation>
    </message>
    <message>
      <source>Pair every image with the next one whatever the other rules, so that every date is linked to the others.</source>
      <translation>Accoppia ogni immagine con la successiva indipendentemente dalle altre regole, in modo che ogni data sia collegata alle altre.</translation>
    </message>
    <message>
      <source>Pair network from dated images</source>
      <translation>Rete di coppie da immagini datate</translation>
    </message>
    <message>
      <source>Pair products of sensetrack:trackpairs, or any rasters with bands DX and DY whose dates are in their metadata, their names (YYYYMMDD_YYYYMMDD) or the date table; all on one grid. Give layers here and/or a folder below.</source>
      <translation>Prodotti delle coppie di sensetrack:trackpairs, o qualsiasi raster con le bande DX e DY le cui date si trovano nei metadati, nei nomi (YYYYMMDD_YYYYMMDD) o nella tabella delle date; tutti su un'unica griglia. Indicare qui i layer e/o una cartella più sotto.</translation>
    </message>
    <message>
      <source>Pair table</source>
      <translation>Tabella delle coppie</translation>
    </message>
    <message>
      <source>Pair table (from sensetrack:pairnetwork)</source>
      <translation>Tabella delle coppie (da sensetrack:pairnetwork)</translation>
    </message>
    <message>
      <source>Pairs already complete (skipped)</source>
      <translation>Coppie già complete (saltate)</translation>
    </message>
    <message>
      <source>Pairs closer in time than this are not made (0 = no minimum).</source>
      <translation>Le coppie più vicine nel tempo di questo valore non vengono create (0 = nessun minimo).</translation>
    </message>
    <message>
      <source>Pairs further apart in time than this are not made; long pairs decorrelate on changing surfaces.</source>
      <translation>Le coppie più distanti nel tempo di questo valore non vengono create; le coppie lunghe perdono correlazione sulle superfici che cambiano.</translation>
    </message>
    <message>
      <source>Pairs tracked in this run</source>
      <translation>Coppie tracciate in questa esecuzione</translation>
    </message>
    <message>
      <source>Parameter preset (JSON or YAML)</source>
      <translation>Preset dei parametri (JSON o YAML)</translation>
    </message>
    <message>
      <source>Pass direction</source>
      <translation>Direzione di passaggio</translation>
    </message>
    <message>
      <source>Patch size (SVD, pixels)</source>
      <translation>Dimensione del riquadro (SVD, pixel)</translation>
    </message>
    <message>
      <source>Per-pair residuals (CSV)</source>
      <translation>Residui per coppia (CSV)</translation>
    </message>
    <message>
      <source>Pixel size (CRS units, 0 = automatic)</source>
      <translation>Dimensione del pixel (unità del SR, 0 = automatica)</translation>
    </message>
    <message>
      <source>Pixel size (target CRS units, 0 = native)</source>
      <translation>Dimensione del pixel (unità del SR di destinazione, 0 = nativa)</translation>
    </message>
    <message>
      <source>Pixel size (target CRS units, 0 = product spacing)</source>
      <translation>Dimensione del pixel (unità del SR di destinazione, 0 = spaziatura del prodotto)</translation>
    </message>
    <message>
      <source>Pixel spacing (m)</source>
      <translation>Spaziatura dei pixel (m)</translation>
    </message>
    <message>
      <source>Placeholder values</source>
      <translation>Valori dei segnaposto</translation>
    </message>
    <message>
      <source>Platform</source>
      <translation>Piattaforma</translation>
    </message>
    <message>
      <source>Plot</source>
      <translation>Grafico</translation>
    </message>
    <message>
      <source>Point</source>
      <translation>Punto</translation>
    </message>
    <message>
      <source>Points</source>
      <translation>Punti</translation>
    </message>
    <message>
      <source>Points whose histories are plotted (a 'name' field labels them).</source>
      <translation>Punti di cui vengono rappresentate le storie (un campo 'name' fornisce le etichette).</translation>
    </message>
    <message>
      <source>Polarisation</source>
      <translation>Polarizzazione</translation>
    </message>
    <message>
      <source>Polarisation to process; it must be in the product (e.g. VV or VH for 1SDV).</source>
      <translation>Polarizzazione da elaborare; deve essere presente nel prodotto (ad es. VV o VH per 1SDV).</translation>
    </message>
    <message>
      <source>Polarisations</source>
      <translation>Polarizzazioni</translation>
    </message>
    <message>
      <source>Polygon (median over it)</source>
      <translation>Poligono (mediana al suo interno)</translation>
    </message>
    <message>
      <source>Polygon layer (GeoPackage, EPSG:4326), one feature per file.</source>
      <translation>Layer poligonale (GeoPackage, EPSG:4326), un elemento per file.</translation>
    </message>
    <message>
      <source>Polygons (any CRS) whose bounding box is read; used instead of the extent.</source>
      <translation>Poligoni (qualsiasi SR) di cui viene letto il rettangolo di ingombro; usati al posto dell'estensione.</translation>
    </message>
    <message>
      <source>Polygons (or a raster) of stable ground: removes each pair's co-registration bias and adds SIGMA_DX/SIGMA_DY. Leave empty for no correction.</source>
      <translation>Poligoni (o un raster) del terreno stabile: rimuove il bias di coregistrazione di ogni coppia e aggiunge SIGMA_DX/SIGMA_DY. Lasciare vuoto per non applicare la correzione.</translation>
    </message>
    <message>
      <source>Polygons of ground that did not move; the shift is measured there only.</source>
      <translation>Poligoni di terreno che non si è mosso; la traslazione viene misurata solo al loro interno.</translation>
    </message>
    <message>
      <source>Polygons of stable ground, or a raster that is non-zero on stable ground. Reprojected to the result's CRS when needed.</source>
      <translation>Poligoni del terreno stabile, oppure un raster diverso da zero sul terreno stabile. Viene riproiettato nel SR del risultato, se necessario.</translation>
    </message>
    <message>
      <source>Polygons over which the median displacement of every date is taken (any CRS).</source>
      <translation>Poligoni sui quali viene calcolata la mediana dello spostamento per ogni data (qualsiasi SR).</translation>
    </message>
    <message>
      <source>Polygons to keep (their union); used instead of the extent when given.</source>
      <translation>Poligoni da mantenere (la loro unione); se indicati, vengono usati al posto dell'estensione.</translation>
    </message>
    <message>
      <source>Polynomial neighbourhood (pixels)</source>
      <translation>Intorno polinomiale (pixel)</translation>
    </message>
    <message>
      <source>Polynomial sigma</source>
      <translation>Sigma polinomiale</translation>
    </message>
    <message>
      <source>Post-processing</source>
      <translation>Post-elaborazione</translation>
    </message>
    <message>
      <source>Prefilter</source>
      <translation>Prefiltro</translation>
    </message>
    <message>
      <source>Preprocessing</source>
      <translation>Pre-elaborazione</translation>
    </message>
    <message>
      <source>Preprocessing of both images</source>
      <translation>Pre-elaborazione di entrambe le immagini</translation>
    </message>
    <message>
      <source>Processing graph</source>
      <translation>Grafo di elaborazione</translation>
    </message>
    <message>
      <source>Processing level</source>
      <translation>Livello di elaborazione</translation>
    </message>
    <message>
      <source>Product footprint from the manifest, as a polygon GeoPackage in EPSG:4326.</source>
      <translation>Impronta del prodotto ricavata dal manifest, come GeoPackage poligonale in EPSG:4326.</translation>
    </message>
    <message>
      <source>Product metadata as JSON (optional).</source>
      <translation>Metadati del prodotto in formato JSON (opzionale).</translation>
    </message>
    <message>
      <source>Put every band on the 10 m grid (e.g. B8A or B11 alone at 10 m); otherwise the output has the finest resolution among the bands asked for.</source>
      <translation>Porta tutte le bande sulla griglia a 10 m (ad es. B8A o B11 da sole a 10 m); altrimenti l'output ha la risoluzione più fine tra quelle delle bande richieste.</translation>
    </message>
    <message>
      <source>Pyramid levels</source>
      <translation>Livelli della piramide</translation>
    </message>
    <message>
      <source>Pyramid scale</source>
      <translation>Scala della piramide</translation>
    </message>
    <message>
      <source>Quicklook</source>
      <translation>Quicklook</translation>
    </message>
    <message>
      <source>Radius of the window considered around each pixel.</source>
      <translation>Raggio della finestra considerata attorno a ogni pixel.</translation>
    </message>
    <message>
      <source>Range looks (0 = estimate)</source>
      <translation>Look in range (0 = stima)</translation>
    </message>
    <message>
      <source>Range pixel spacing (m)</source>
      <translation>Spaziatura dei pixel in range (m)</translation>
    </message>
    <message>
      <source>Rank kept (SVD)</source>
      <translation>Rango mantenuto (SVD)</translation>
    </message>
    <message>
      <source>Reference (earlier) acquisition date</source>
      <translation>Data di acquisizione di riferimento (precedente)</translation>
    </message>
    <message>
      <source>Reference (earlier) image</source>
      <translation>Immagine di riferimento (precedente)</translation>
    </message>
    <message>
      <source>Reference band</source>
      <translation>Banda di riferimento</translation>
    </message>
    <message>
      <source>Reference nodata value (overrides the file's)</source>
      <translation>Valore nodata di riferimento (sostituisce quello del file)</translation>
    </message>
    <message>
      <source>Reference: </source>
      <translation>Riferimento bibliografico: </translation>
    </message>
    <message>
      <source>References: </source>
      <translation>Riferimenti bibliografici: </translation>
    </message>
    <message>
      <source>Reflectance</source>
      <translation>Riflettanza</translation>
    </message>
    <message>
      <source>Refuse the file when its level is not this one (any = accept every level; 1G = L1G or L1G2).</source>
      <translation>Rifiuta il file se il suo livello non è questo (any = accetta qualsiasi livello; 1G = L1G o L1G2).</translation>
    </message>
    <message>
      <source>Regularisation prefers</source>
      <translation>La regolarizzazione privilegia</translation>
    </message>
    <message>
      <source>Regularisation weight (empty = automatic, 0 = none)</source>
      <translation>Peso della regolarizzazione (vuoto = automatico, 0 = nessuna)</translation>
    </message>
    <message>
      <source>Regularisation weight chosen by generalised cross-validation: {0:.3g}</source>
      <translation>Peso di regolarizzazione scelto mediante validazione incrociata generalizzata: {0:.3g}</translation>
    </message>
    <message>
      <source>Regularisation weight used</source>
      <translation>Peso della regolarizzazione usato</translation>
    </message>
    <message>
      <source>Relative orbit</source>
      <translation>Orbita relativa</translation>
    </message>
    <message>
      <source>Remove isolated groups (8-connected) of fewer valid vectors than this.</source>
      <translation>Rimuove i gruppi isolati (8-connessi) con meno vettori validi di questo valore.</translation>
    </message>
    <message>
      <source>Remove thermal noise</source>
      <translation>Rimuovi il rumore termico</translation>
    </message>
    <message>
      <source>Remove vectors faster than this (needs the acquisition dates in the result's metadata or the input file names).</source>
      <translation>Rimuove i vettori più veloci di questo valore (richiede le date di acquisizione nei metadati del risultato o nei nomi dei file di input).</translation>
    </message>
    <message>
      <source>Remove vectors longer than this, in pixels of the tracked images.</source>
      <translation>Rimuove i vettori più lunghi di questo valore, in pixel delle immagini di input del tracciamento.</translation>
    </message>
    <message>
      <source>Remove vectors pointing more than this away from the mean direction of their neighbours (only where both are longer than the minimum magnitude).</source>
      <translation>Rimuove i vettori la cui direzione si discosta più di questo valore dalla direzione media dei vicini (solo dove entrambi superano il modulo minimo).</translation>
    </message>
    <message>
      <source>Remove vectors whose PEAK band/field is below this value (windowed trackers; for dense trackers the MATCH band, the local correlation of the fine texture after motion compensation, e.g. 0.25). 0 switches it off.</source>
      <translation>Rimuove i vettori la cui banda/campo PEAK è inferiore a questo valore (metodi a finestra; per i metodi densi la banda MATCH, cioè la correlazione locale della tessitura fine dopo la compensazione del movimento, ad es. 0,25). 0 lo disattiva.</translation>
    </message>
    <message>
      <source>Remove vectors whose SNR band/field is below this value (windowed trackers). 0 switches it off.</source>
      <translation>Rimuove i vettori la cui banda/campo SNR è inferiore a questo valore (metodi a finestra). 0 lo disattiva.</translation>
    </message>
    <message>
      <source>Report</source>
      <translation>Rapporto</translation>
    </message>
    <message>
      <source>Resample 20 m and 60 m bands to 10 m</source>
      <translation>Ricampiona a 10 m le bande a 20 m e 60 m</translation>
    </message>
    <message>
      <source>Resampling</source>
      <translation>Ricampionamento</translation>
    </message>
    <message>
      <source>Result in words, with the warning</source>
      <translation>Risultato in forma testuale, con l'avvertenza</translation>
    </message>
    <message>
      <source>Result with 3-D bands</source>
      <translation>Risultato con bande 3D</translation>
    </message>
    <message>
      <source>Result with 3-D bands (points)</source>
      <translation>Risultato con bande 3D (punti)</translation>
    </message>
    <message>
      <source>Robust against bad pairs (Tukey biweight)</source>
      <translation>Inversione robusta rispetto alle coppie errate (biweight di Tukey)</translation>
    </message>
    <message>
      <source>Run a SNAP graph</source>
      <translation>Esegui un grafo SNAP</translation>
    </message>
    <message>
      <source>Run sensetrack:filteroffsets on each pair (its default settings, or the filter preset).</source>
      <translation>Esegue sensetrack:filteroffsets su ogni coppia (con le sue impostazioni predefinite o con il preset del filtro).</translation>
    </message>
    <message>
      <source>Run the inversion on (Dask scheduler)</source>
      <translation>Esegui l'inversione su (scheduler Dask)</translation>
    </message>
    <message>
      <source>Run the pairs on (Dask scheduler)</source>
      <translation>Esegui le coppie su (scheduler Dask)</translation>
    </message>
    <message>
      <source>SNAP</source>
      <translation>SNAP</translation>
    </message>
    <message>
      <source>SNAP graph (XML)</source>
      <translation>Grafo SNAP (XML)</translation>
    </message>
    <message>
      <source>SNAP output</source>
      <translation>Output SNAP</translation>
    </message>
    <message>
      <source>SNAP output (GeoTIFF)</source>
      <translation>Output SNAP (GeoTIFF)</translation>
    </message>
    <message>
      <source>Same season only: maximum day-of-year difference, days (0 = off)</source>
      <translation>Solo stessa stagione: differenza massima del giorno dell'anno, giorni (0 = disattivato)</translation>
    </message>
    <message>
      <source>Search range (pixels)</source>
      <translation>Intervallo di ricerca (pixel)</translation>
    </message>
    <message>
      <source>SenseTrack: missing Python package(s): {0}. Those algorithms are disabled; the others work. {1}</source>
      <translation>SenseTrack: pacchetti Python mancanti: {0}. Questi algoritmi sono disabilitati; gli altri funzionano. {1}</translation>
    </message>
    <message>
      <source>SenseTrack: {0} cannot read JPEG 2000 products. {1}</source>
      <translation>SenseTrack: {0} non è in grado di leggere i prodotti JPEG 2000. {1}</translation>
    </message>
    <message>
      <source>Sentinel-1</source>
      <translation>Sentinel-1</translation>
    </message>
    <message>
      <source>Sentinel-1 GRD to calibrated GeoTIFF (no SNAP)</source>
      <translation>Da Sentinel-1 GRD a GeoTIFF calibrato (senza SNAP)</translation>
    </message>
    <message>
      <source>Sentinel-1 preprocessing with SNAP</source>
      <translation>Pre-elaborazione Sentinel-1 con SNAP</translation>
    </message>
    <message>
      <source>Sentinel-1 product (.zip or manifest.safe)</source>
      <translation>Prodotto Sentinel-1 (.zip o manifest.safe)</translation>
    </message>
    <message>
      <source>Sentinel-1 product information</source>
      <translation>Informazioni sul prodotto Sentinel-1</translation>
    </message>
    <message>
      <source>Sentinel-2 L1C/L2A to reflectance GeoTIFF</source>
      <translation>Da Sentinel-2 L1C/L2A a GeoTIFF di riflettanza</translation>
    </message>
    <message>
      <source>Sentinel-2 L2A product</source>
      <translation>Prodotto Sentinel-2 L2A</translation>
    </message>
    <message>
      <source>Sentinel-2 L2A resampling with SNAP</source>
      <translation>Ricampionamento Sentinel-2 L2A con SNAP</translation>
    </message>
    <message>
      <source>Sentinel-2 product (.zip or MTD_MSIL1C.xml / MTD_MSIL2A.xml)</source>
      <translation>Prodotto Sentinel-2 (.zip o MTD_MSIL1C.xml / MTD_MSIL2A.xml)</translation>
    </message>
    <message>
      <source>Set the pixels the product flags as cloud, cloud shadow or cirrus to NaN (no-data and fill pixels, and Sentinel-2 saturated or defective ones, are always NaN).</source>
      <translation>Imposta a NaN i pixel che il prodotto segnala come nuvola, ombra delle nuvole o cirro (i pixel senza dati e di riempimento e, per Sentinel-2, quelli saturati o difettosi sono sempre NaN).</translation>
    </message>
    <message>
      <source>Settings of the outlier filter by their core names (e.g. {"min_peak": 0.25, "median_stride": 10}); used when filtering is on.</source>
      <translation>Impostazioni del filtro dei valori anomali con i loro nomi interni (ad es. {"min_peak": 0.25, "median_stride": 10}); usate quando il filtraggio è attivo.</translation>
    </message>
    <message>
      <source>Shell-style pattern of the files to take from the folder, e.g. *.tif or S2*_B04.jp2.</source>
      <translation>Modello dei file da prendere dalla cartella, in stile shell, ad es. *.tif o S2*_B04.jp2.</translation>
    </message>
    <message>
      <source>Shift east (map units)</source>
      <translation>Traslazione verso est (unità di mappa)</translation>
    </message>
    <message>
      <source>Shift north (map units)</source>
      <translation>Traslazione verso nord (unità di mappa)</translation>
    </message>
    <message>
      <source>Shift, columns (pixels)</source>
      <translation>Traslazione, colonne (pixel)</translation>
    </message>
    <message>
      <source>Shift, rows (pixels)</source>
      <translation>Traslazione, righe (pixel)</translation>
    </message>
    <message>
      <source>Shipped graph (see resources/snap/graphs/README.md for nodes and parameters).</source>
      <translation>Grafo fornito con il plugin (vedere resources/snap/graphs/README.md per nodi e parametri).</translation>
    </message>
    <message>
      <source>Side of the Lee filter's square window.</source>
      <translation>Lato della finestra quadrata del filtro di Lee.</translation>
    </message>
    <message>
      <source>Side of the square correlation window (chip), pixels. Larger windows are more robust on noisy or weakly textured images and blur the motion more; 32-128 is usual.</source>
      <translation>Lato della finestra di correlazione quadrata (chip), in pixel. Finestre più grandi sono più robuste su immagini rumorose o poco tessiturate, ma sfumano maggiormente il movimento; valori usuali 32-128.</translation>
    </message>
    <message>
      <source>Side of the square patches (even).</source>
      <translation>Lato dei riquadri quadrati (pari).</translation>
    </message>
    <message>
      <source>Side of the square window of the local mean and standard deviation.</source>
      <translation>Lato della finestra quadrata per la media e la deviazione standard locali.</translation>
    </message>
    <message>
      <source>Size of the square tiles whose histograms are equalised and blended.</source>
      <translation>Dimensione dei tile quadrati i cui istogrammi vengono equalizzati e fusi.</translation>
    </message>
    <message>
      <source>Slope-parallel 3-D displacement (DEM)</source>
      <translation>Spostamento 3D parallelo al versante (DEM)</translation>
    </message>
    <message>
      <source>Spacing of the median-test neighbours. 1 = adjacent cells (windowed trackers). For dense results (one vector per pixel) use about the size of the bad patches to catch, e.g. 10, so that a patch is compared with the ground around it.</source>
      <translation>Spaziatura dei vicini nel test della mediana. 1 = celle adiacenti (metodi a finestra). Per risultati densi (un vettore per pixel) usare all'incirca la dimensione delle aree errate da individuare, ad es. 10, in modo che ogni area venga confrontata con il terreno circostante.</translation>
    </message>
    <message>
      <source>Spacing of the output grid. Ignored by the dense trackers.</source>
      <translation>Spaziatura della griglia di output. Ignorata dai metodi densi.</translation>
    </message>
    <message>
      <source>Spacing of the window centres, pixels: one output pixel (and point) per step. A step of a quarter of the window is usual.</source>
      <translation>Spaziatura dei centri delle finestre, in pixel: un pixel di output (e un punto) per ogni passo. Di solito si usa un passo pari a un quarto della finestra.</translation>
    </message>
    <message>
      <source>Speckle level of intensity data (1 for single-look); for amplitude data use about 1.9 times the number of looks.</source>
      <translation>Livello di speckle dei dati di intensità (1 per dati single-look); per dati di ampiezza usare circa 1,9 volte il numero di look.</translation>
    </message>
    <message>
      <source>Spectral normalisation</source>
      <translation>Normalizzazione spettrale</translation>
    </message>
    <message>
      <source>Stable ground (polygons)</source>
      <translation>Terreno stabile (poligoni)</translation>
    </message>
    <message>
      <source>Stable ground is outside the mask</source>
      <translation>Terreno stabile esterno alla maschera</translation>
    </message>
    <message>
      <source>Stable ground is outside the polygons</source>
      <translation>Terreno stabile esterno ai poligoni</translation>
    </message>
    <message>
      <source>Stable-ground NMAD of DX after</source>
      <translation>NMAD di DX sul terreno stabile dopo la correzione</translation>
    </message>
    <message>
      <source>Stable-ground NMAD of DY after</source>
      <translation>NMAD di DY sul terreno stabile dopo la correzione</translation>
    </message>
    <message>
      <source>Stable-ground correction and uncertainty</source>
      <translation>Correzione sul terreno stabile e incertezza</translation>
    </message>
    <message>
      <source>Stable-ground mask (one for all pairs)</source>
      <translation>Maschera del terreno stabile (unica per tutte le coppie)</translation>
    </message>
    <message>
      <source>Stable-ground mask (polygons or raster)</source>
      <translation>Maschera del terreno stabile (poligoni o raster)</translation>
    </message>
    <message>
      <source>Stable-ground median DX after</source>
      <translation>Mediana DX sul terreno stabile dopo la correzione</translation>
    </message>
    <message>
      <source>Stable-ground median DX before</source>
      <translation>Mediana DX sul terreno stabile prima della correzione</translation>
    </message>
    <message>
      <source>Stable-ground median DY after</source>
      <translation>Mediana DY sul terreno stabile dopo la correzione</translation>
    </message>
    <message>
      <source>Stable-ground median DY before</source>
      <translation>Mediana DY sul terreno stabile prima della correzione</translation>
    </message>
    <message>
      <source>Stable-ground statistics</source>
      <translation>Statistiche sul terreno stabile</translation>
    </message>
    <message>
      <source>Standard deviation of the Gaussian low-pass removed from the image; features larger than about 3 sigma are suppressed.</source>
      <translation>Deviazione standard del filtro passa-basso gaussiano sottratto all'immagine; gli elementi più grandi di circa 3 sigma vengono soppressi.</translation>
    </message>
    <message>
      <source>Start of the fitted accelerating part</source>
      <translation>Inizio del tratto in accelerazione adattato</translation>
    </message>
    <message>
      <source>Step between windows, pixels (windowed trackers)</source>
      <translation>Passo tra le finestre, pixel (metodi a finestra)</translation>
    </message>
    <message>
      <source>Strength of the smoothness term relative to the pair measurements (1 = as strong as the data on average). Empty: chosen by generalised cross-validation on a sample of pixels.</source>
      <translation>Intensità del termine di regolarità rispetto alle misure delle coppie (1 = in media forte quanto i dati). Vuoto: scelta mediante validazione incrociata generalizzata su un campione di pixel.</translation>
    </message>
    <message>
      <source>Sub-pixel precision is 1/UPSAMPLING px: the correlation is evaluated by matrix DFT on a grid of that spacing around the peak, then a local quadratic fit removes the quantisation. 1 = quadratic fit on the integer correlation only (biased towards whole pixels).</source>
      <translation>La precisione subpixel è 1/UPSAMPLING px: la correlazione viene valutata tramite DFT matriciale su una griglia con questo passo attorno al picco, poi un adattamento quadratico locale elimina la quantizzazione. 1 = solo adattamento quadratico sulla correlazione a passo intero (con bias verso i pixel interi).</translation>
    </message>
    <message>
      <source>Sub-pixel upsampling factor</source>
      <translation>Fattore di sovracampionamento subpixel</translation>
    </message>
    <message>
      <source>Subtract the annotated thermal noise (range x azimuth LUT) before calibration.</source>
      <translation>Sottrae il rumore termico annotato (LUT range x azimut) prima della calibrazione.</translation>
    </message>
    <message>
      <source>Summary: mean velocity, residual RMS, pairs used, groups</source>
      <translation>Riepilogo: velocità media, RMS dei residui, coppie usate, gruppi</translation>
    </message>
    <message>
      <source>Table</source>
      <translation>Tabella</translation>
    </message>
    <message>
      <source>Taper applied to each window before the FFT, against edge effects: hann (default), tukey (flat top) or none.</source>
      <translation>Attenuazione applicata a ogni finestra prima della FFT, contro gli effetti di bordo: hann (predefinita), tukey (sommità piatta) o none.</translation>
    </message>
    <message>
      <source>Target (later) acquisition date</source>
      <translation>Data di acquisizione target (successiva)</translation>
    </message>
    <message>
      <source>Target (later) image</source>
      <translation>Immagine target (successiva)</translation>
    </message>
    <message>
      <source>Target CRS</source>
      <translation>SR di destinazione</translation>
    </message>
    <message>
      <source>Target CRS (optional)</source>
      <translation>SR di destinazione (opzionale)</translation>
    </message>
    <message>
      <source>Target band</source>
      <translation>Banda target</translation>
    </message>
    <message>
      <source>Target nodata value (overrides the file's)</source>
      <translation>Valore nodata target (sostituisce quello del file)</translation>
    </message>
    <message>
      <source>The Collection 2 product as downloaded (.tar), or the *_MTL.txt / *_MTL.xml in its unpacked folder (a folder path typed in qgis_process works too). Landsat 8 and 9, Level-1 and Level-2.</source>
      <translation>Il prodotto Collection 2 così come scaricato (.tar), oppure il file *_MTL.txt / *_MTL.xml nella sua cartella decompressa (funziona anche il percorso di una cartella digitato in qgis_process). Landsat 8 e 9, Level-1 e Level-2.</translation>
    </message>
    <message>
      <source>The DEM could not be loaded as a raster layer.</source>
      <translation>Impossibile caricare il DEM come layer raster.</translation>
    </message>
    <message>
      <source>The DY file when INPUT is the DX file (or the reverse), if not beside it.</source>
      <translation>Il file DY quando INPUT è il file DX (o viceversa), se non si trova nella stessa cartella.</translation>
    </message>
    <message>
      <source>The HTML report (one file, figures embedded).</source>
      <translation>Il rapporto HTML (un unico file, con le figure incorporate).</translation>
    </message>
    <message>
      <source>The accelerating part must hold at least this many velocities (consecutive-date intervals).</source>
      <translation>Il tratto in accelerazione deve contenere almeno questo numero di velocità (intervalli tra date consecutive).</translation>
    </message>
    <message>
      <source>The area-of-interest layer has no polygon.</source>
      <translation>Il layer dell'area di interesse non contiene poligoni.</translation>
    </message>
    <message>
      <source>The earlier image. Displacement is measured from it to the target.</source>
      <translation>L'immagine precedente. Lo spostamento viene misurato da questa all'immagine target.</translation>
    </message>
    <message>
      <source>The file the graph's Write node writes (${output}).</source>
      <translation>Il file scritto dal nodo Write del grafo (${output}).</translation>
    </message>
    <message>
      <source>The image to put on the reference grid; any CRS.</source>
      <translation>L'immagine da portare sulla griglia dell'immagine di riferimento; qualsiasi SR.</translation>
    </message>
    <message>
      <source>The later image, on the same grid as the reference (same CRS, extent and pixel size).</source>
      <translation>L'immagine successiva, sulla stessa griglia dell'immagine di riferimento (stesso SR, estensione e dimensione del pixel).</translation>
    </message>
    <message>
      <source>The median history over the pixels inside these polygons is plotted too.</source>
      <translation>Viene rappresentata anche la storia mediana dei pixel all'interno di questi poligoni.</translation>
    </message>
    <message>
      <source>The network splits into {0} disconnected groups of dates: {1}. The time series can only link them through its regularisation; add pairs between the groups (a longer maximum baseline) if you can.</source>
      <translation>La rete si divide in {0} gruppi di date non connessi: {1}. La serie temporale può collegarli solo tramite la regolarizzazione; se possibile, aggiungere coppie tra i gruppi (una baseline massima più lunga).</translation>
    </message>
    <message>
      <source>The other component's file</source>
      <translation>Il file dell'altra componente</translation>
    </message>
    <message>
      <source>The placeholder table must have two columns: name, value.</source>
      <translation>La tabella dei segnaposto deve avere due colonne: name, value.</translation>
    </message>
    <message>
      <source>The product as downloaded (.zip) or its MTD_MSIL2A.xml.</source>
      <translation>Il prodotto così come scaricato (.zip) o il suo MTD_MSIL2A.xml.</translation>
    </message>
    <message>
      <source>The product as downloaded (.zip), or the MTD_MSIL1C.xml / MTD_MSIL2A.xml of an unzipped .SAFE folder (a .SAFE folder path typed in qgis_process works too). Level-1C and Level-2A, Sentinel-2A/B/C.</source>
      <translation>Il prodotto così come scaricato (.zip), oppure il file MTD_MSIL1C.xml / MTD_MSIL2A.xml di una cartella .SAFE decompressa (funziona anche il percorso di una cartella .SAFE digitato in qgis_process). Level-1C e Level-2A, Sentinel-2A/B/C.</translation>
    </message>
    <message>
      <source>The product as downloaded: the zipped SAFE (.zip or .SAFE.zip) or, for an unzipped product, the manifest.safe file inside its .SAFE folder (a .SAFE folder path typed in qgis_process works too). S1A, S1B, S1C and S1D are accepted.</source>
      <translation>Il prodotto così come scaricato: il SAFE compresso (.zip o .SAFE.zip) oppure, per un prodotto decompresso, il file manifest.safe all'interno della sua cartella .SAFE (funziona anche il percorso di una cartella .SAFE digitato in qgis_process). Sono accettati S1A, S1B, S1C e S1D.</translation>
    </message>
    <message>
      <source>The product file as delivered.</source>
      <translation>Il file del prodotto così come fornito.</translation>
    </message>
    <message>
      <source>The product file as downloaded.</source>
      <translation>Il file del prodotto così come scaricato.</translation>
    </message>
    <message>
      <source>The speed and inverse-velocity plot with the fit, as PNG or a self-contained HTML page.</source>
      <translation>Il grafico della velocità e della velocità inversa con la retta adattata, in formato PNG o come pagina HTML autonoma.</translation>
    </message>
    <message>
      <source>The target is searched this many pixels around the reference chip in every direction; make it a few pixels larger than the expected motion (or use coarse-to-fine).</source>
      <translation>L'immagine target viene cercata entro questo numero di pixel attorno alla finestra (chip) di riferimento, in ogni direzione; impostarlo qualche pixel in più del movimento atteso (o usare l'approccio multiscala).</translation>
    </message>
    <message>
      <source>The target on the reference grid (GeoTIFF, float32, NaN nodata).</source>
      <translation>L'immagine target sulla griglia dell'immagine di riferimento (GeoTIFF, float32, nodata NaN).</translation>
    </message>
    <message>
      <source>The time series could not be loaded as a raster layer.</source>
      <translation>Impossibile caricare la serie temporale come layer raster.</translation>
    </message>
    <message>
      <source>The tracker run on every pair: the dense optical-flow methods farneback, ilk, tvl1, or the windowed phasecorrelation and ncc (one vector per window on a STEP grid).</source>
      <translation>L'algoritmo di tracciamento eseguito su ogni coppia: i metodi densi di flusso ottico farneback, ilk, tvl1, oppure i metodi a finestra phasecorrelation e ncc (un vettore per finestra su una griglia di passo STEP).</translation>
    </message>
    <message>
      <source>Tightness</source>
      <translation>Accoppiamento (tightness)</translation>
    </message>
    <message>
      <source>Tile cache (e.g. 2048M, empty = SNAP's default)</source>
      <translation>Cache dei tile (ad es. 2048M, vuoto = valore predefinito di SNAP)</translation>
    </message>
    <message>
      <source>Tile size (pixels)</source>
      <translation>Dimensione dei tile (pixel)</translation>
    </message>
    <message>
      <source>Time series</source>
      <translation>Serie temporali</translation>
    </message>
    <message>
      <source>Time series (DX or DY file)</source>
      <translation>Serie temporale (file DX o DY)</translation>
    </message>
    <message>
      <source>Time series (the PREFIX_dx.tif file)</source>
      <translation>Serie temporale (il file PREFIX_dx.tif)</translation>
    </message>
    <message>
      <source>Time series report (HTML)</source>
      <translation>Rapporto sulla serie temporale (HTML)</translation>
    </message>
    <message>
      <source>Time series: the other component's file</source>
      <translation>Serie temporale: il file dell'altra componente</translation>
    </message>
    <message>
      <source>Tolerance</source>
      <translation>Tolleranza</translation>
    </message>
    <message>
      <source>Track all pairs of a network</source>
      <translation>Tracciamento di tutte le coppie di una rete</translation>
    </message>
    <message>
      <source>Tracker</source>
      <translation>Algoritmo di tracciamento</translation>
    </message>
    <message>
      <source>Tracker preset (JSON or YAML)</source>
      <translation>Preset dell'algoritmo di tracciamento (JSON o YAML)</translation>
    </message>
    <message>
      <source>Tuning parameters of the chosen tracker, as saved for its own algorithm.</source>
      <translation>Parametri di regolazione dell'algoritmo di tracciamento scelto, così come salvati per il relativo algoritmo.</translation>
    </message>
    <message>
      <source>Uncertainty of the DEM slope angle, propagated with SIGMA_DX/SIGMA_DY into SIGMA_DZ and SIGMA_MAGNITUDE_3D (e.g. 1-3 degrees for a 10-30 m DEM). 0 = the DEM is taken as exact (only the displacement's uncertainty is propagated).</source>
      <translation>Incertezza dell'angolo di pendenza del DEM, propagata insieme a SIGMA_DX/SIGMA_DY in SIGMA_DZ e SIGMA_MAGNITUDE_3D (ad es. 1-3 gradi per un DEM a 10-30 m). 0 = il DEM viene considerato esatto (viene propagata solo l'incertezza dello spostamento).</translation>
    </message>
    <message>
      <source>Uncertainty scale (pixels)</source>
      <translation>Scala dell'incertezza (pixel)</translation>
    </message>
    <message>
      <source>Units of DX, DY and MAGNITUDE</source>
      <translation>Unità di DX, DY e MAGNITUDE</translation>
    </message>
    <message>
      <source>Units: {0}; pixels with a result: {1:.1%}</source>
      <translation>Unità: {0}; pixel con un risultato: {1:.1%}</translation>
    </message>
    <message>
      <source>Units: {0}; windows with a result: {1:.1%} of {2}</source>
      <translation>Unità: {0}; finestre con un risultato: {1:.1%} di {2}</translation>
    </message>
    <message>
      <source>Use a Gaussian instead of a box averaging window (OPTFLOW_FARNEBACK_GAUSSIAN): slower, more accurate.</source>
      <translation>Usa una finestra di media gaussiana invece di una rettangolare (OPTFLOW_FARNEBACK_GAUSSIAN): più lenta, più accurata.</translation>
    </message>
    <message>
      <source>Use a Gaussian kernel instead of a uniform one for the local window.</source>
      <translation>Usa un kernel gaussiano invece di uno uniforme per la finestra locale.</translation>
    </message>
    <message>
      <source>Use everything outside the mask (e.g. outside the landslide polygon) as stable ground.</source>
      <translation>Usa tutto ciò che è esterno alla maschera (ad es. fuori dal poligono della frana) come terreno stabile.</translation>
    </message>
    <message>
      <source>Use everything outside the mask as stable ground (e.g. the mask outlines the moving area).</source>
      <translation>Usa tutto ciò che è esterno alla maschera come terreno stabile (ad es. se la maschera delimita l'area in movimento).</translation>
    </message>
    <message>
      <source>Use everything outside the mask as stable ground.</source>
      <translation>Usa tutto ciò che è esterno alla maschera come terreno stabile.</translation>
    </message>
    <message>
      <source>Use everything outside the polygons (e.g. outside a landslide outline) as stable.</source>
      <translation>Usa tutto ciò che è esterno ai poligoni (ad es. fuori dal perimetro di una frana) come terreno stabile.</translation>
    </message>
    <message>
      <source>Used for bands whose pixel size or CRS differs from the output's (masks always take any overlapping flagged pixel).</source>
      <translation>Usato per le bande con dimensione del pixel o SR diversi da quelli dell'output (le maschere considerano sempre qualsiasi pixel segnalato sovrapposto).</translation>
    </message>
    <message>
      <source>VX per interval</source>
      <translation>VX per intervallo</translation>
    </message>
    <message>
      <source>VY per interval</source>
      <translation>VY per intervallo</translation>
    </message>
    <message>
      <source>Values at or above this percentile map to 1.</source>
      <translation>I valori pari o superiori a questo percentile vengono portati a 1.</translation>
    </message>
    <message>
      <source>Values at or below this percentile map to 0.</source>
      <translation>I valori pari o inferiori a questo percentile vengono portati a 0.</translation>
    </message>
    <message>
      <source>Vectors flagged: flat ground</source>
      <translation>Vettori segnalati: terreno pianeggiante</translation>
    </message>
    <message>
      <source>Vectors flagged: no DEM value</source>
      <translation>Vettori segnalati: nessun valore del DEM</translation>
    </message>
    <message>
      <source>Vectors flagged: off downslope</source>
      <translation>Vettori segnalati: non allineati alla direzione di massima pendenza</translation>
    </message>
    <message>
      <source>Vectors on ground flatter than this are flagged in MASK (bit 256): there the vertical component of surface-parallel motion is meaningless. 0 = off.</source>
      <translation>I vettori su terreno più pianeggiante di questo valore vengono segnalati in MASK (bit 256): lì la componente verticale di un movimento parallelo alla superficie non ha significato. 0 = disattivato.</translation>
    </message>
    <message>
      <source>Vectors on stable ground</source>
      <translation>Vettori sul terreno stabile</translation>
    </message>
    <message>
      <source>Vectors pointing more than this away from the downslope direction are flagged in MASK (bit 512): surface-parallel sliding does not describe them. 0 or 180 = off.</source>
      <translation>I vettori che si discostano più di questo valore dalla direzione di massima pendenza vengono segnalati in MASK (bit 512): lo scivolamento parallelo alla superficie non li descrive. 0 o 180 = disattivato.</translation>
    </message>
    <message>
      <source>Vectors removed</source>
      <translation>Vettori rimossi</translation>
    </message>
    <message>
      <source>Vectors removed per filter</source>
      <translation>Vettori rimossi per filtro</translation>
    </message>
    <message>
      <source>Vectors shorter than this have no meaningful direction and are never removed by this filter.</source>
      <translation>I vettori più corti di questo valore non hanno una direzione significativa e non vengono mai rimossi da questo filtro.</translation>
    </message>
    <message>
      <source>Vectors with a value</source>
      <translation>Vettori con un valore</translation>
    </message>
    <message>
      <source>Velocity</source>
      <translation>Velocità</translation>
    </message>
    <message>
      <source>Velocity (points)</source>
      <translation>Velocità (punti)</translation>
    </message>
    <message>
      <source>Velocity unit</source>
      <translation>Unità di velocità</translation>
    </message>
    <message>
      <source>Velocity units</source>
      <translation>Unità della velocità</translation>
    </message>
    <message>
      <source>WEIGHTS must be numbers separated by commas, e.g. 0.5, 0.5.</source>
      <translation>WEIGHTS deve contenere numeri separati da virgola, ad es. 0.5, 0.5.</translation>
    </message>
    <message>
      <source>Wallis filter</source>
      <translation>Filtro di Wallis</translation>
    </message>
    <message>
      <source>Warp to CRS (optional)</source>
      <translation>Riproietta nel SR (opzionale)</translation>
    </message>
    <message>
      <source>Warps</source>
      <translation>Deformazioni (warp)</translation>
    </message>
    <message>
      <source>Wavelength table</source>
      <translation>Tabella delle lunghezze d'onda</translation>
    </message>
    <message>
      <source>Wavelengths in nm (optional)</source>
      <translation>Lunghezze d'onda in nm (opzionale)</translation>
    </message>
    <message>
      <source>Weight of the coupling term; higher values favour data fidelity.</source>
      <translation>Peso del termine di accoppiamento; valori più alti favoriscono la fedeltà ai dati.</translation>
    </message>
    <message>
      <source>Weights</source>
      <translation>Pesi</translation>
    </message>
    <message>
      <source>Westerweel &amp; Scarano (2005) normalised median test: remove a vector whose residual against the median of its neighbours, normalised by their median residual, exceeds this (2 in the paper).</source>
      <translation>Test della mediana normalizzato di Westerweel &amp; Scarano (2005): rimuove un vettore se il suo residuo rispetto alla mediana dei vicini, normalizzato per il loro residuo mediano, supera questo valore (2 nell'articolo).</translation>
    </message>
    <message>
      <source>Where to read the time series (any CRS; the cell containing it is used). Give a point or an area, not both.</source>
      <translation>Dove leggere la serie temporale (qualsiasi SR; viene usata la cella che lo contiene). Indicare un punto o un'area, non entrambi.</translation>
    </message>
    <message>
      <source>Width of the box over which the DEM slope is averaged (about the tracking window, in metres); 0 = the DEM averaged over each vector's cell only.</source>
      <translation>Larghezza del riquadro su cui viene mediata la pendenza del DEM (circa la finestra di tracciamento, in metri); 0 = il DEM mediato solo sulla cella di ciascun vettore.</translation>
    </message>
    <message>
      <source>Width of the box over which the DEM slope is averaged, in map units (metres). Use about the tracking window (window size x pixel size) so that slopes are taken at the scale of the measured motion. 0 = the slope of the DEM averaged over each product cell only.</source>
      <translation>Larghezza del riquadro su cui viene mediata la pendenza del DEM, in unità di mappa (metri). Usare all'incirca la finestra di tracciamento (dimensione della finestra x dimensione del pixel), in modo che le pendenze vengano calcolate alla scala del movimento misurato. 0 = la pendenza del DEM mediato solo su ciascuna cella del prodotto.</translation>
    </message>
    <message>
      <source>Window radius (pixels)</source>
      <translation>Raggio della finestra (pixel)</translation>
    </message>
    <message>
      <source>Window size (pixels)</source>
      <translation>Dimensione della finestra (pixel)</translation>
    </message>
    <message>
      <source>Window size, pixels (windowed trackers)</source>
      <translation>Dimensione della finestra, pixel (metodi a finestra)</translation>
    </message>
    <message>
      <source>Windowed phase correlation</source>
      <translation>Correlazione di fase a finestre</translation>
    </message>
    <message>
      <source>Write 10·log10(value) instead of linear values. dB often tracks better on SAR.</source>
      <translation>Scrive 10·log10(valore) invece dei valori lineari. Sui dati SAR il tracciamento funziona spesso meglio in dB.</translation>
    </message>
    <message>
      <source>Write Cloud Optimized GeoTIFF (COG)</source>
      <translation>Scrivi in formato Cloud Optimized GeoTIFF (COG)</translation>
    </message>
    <message>
      <source>Write the raster output(s) as Cloud Optimized GeoTIFF (GDAL COG driver, ZSTD, with overviews) for object storage or a web map. Slower to write (the overviews and a second pass); the values are the same.</source>
      <translation>Scrive gli output raster come Cloud Optimized GeoTIFF (driver COG di GDAL, ZSTD, con overview) per l'archiviazione a oggetti (object storage) o per una mappa web. La scrittura è più lenta (le overview e un secondo passaggio); i valori sono gli stessi.</translation>
    </message>
    <message>
      <source>YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS. Leave empty to read it from the result's metadata or the tracked file names.</source>
      <translation>YYYY-MM-DD o YYYY-MM-DDTHH:MM:SS. Lasciare vuoto per leggerla dai metadati del risultato o dai nomi dei file di input del tracciamento.</translation>
    </message>
    <message>
      <source>float32 (NaN nodata) keeps every value; uint8 (nodata 0, values 1-255) is smaller, for steps whose result is 0-1 (min-max, percentile stretch, equalisation, CLAHE).</source>
      <translation>float32 (nodata NaN) mantiene tutti i valori; uint8 (nodata 0, valori 1-255) occupa meno spazio, per gli algoritmi il cui risultato è 0-1 (min-max, stiramento tra percentili, equalizzazione, CLAHE).</translation>
    </message>
    <message>
      <source>gpt -c: memory for SNAP's tile cache.</source>
      <translation>gpt -c: memoria per la cache dei tile di SNAP.</translation>
    </message>
    <message>
      <source>gpt threads (0 = SNAP's default)</source>
      <translation>Thread di gpt (0 = valore predefinito di SNAP)</translation>
    </message>
    <message>
      <source>lee: Lee speckle filter for SAR amplitude/intensity; svd: patch-wise truncated-SVD denoise (the original library's svd_denoise).</source>
      <translation>lee: filtro speckle di Lee per ampiezza/intensità SAR; svd: riduzione del rumore per riquadri tramite SVD troncata (lo svd_denoise della libreria originale).</translation>
    </message>
    <message>
      <source>m/day or m/year (map units per day or per 365.25-day year).</source>
      <translation>m/day o m/year (unità di mappa al giorno o per anno di 365,25 giorni).</translation>
    </message>
    <message>
      <source>median: constant offset; plane / quadratic: surface in map coordinates, fitted robustly on the stable ground (for a ramp left by orbit or attitude errors).</source>
      <translation>median: offset costante; plane / quadratic: superficie nelle coordinate di mappa, adattata in modo robusto sul terreno stabile (per una rampa dovuta a errori di orbita o di assetto).</translation>
    </message>
    <message>
      <source>minmax: (x - min)/(max - min), 0-1; zscore: (x - mean)/std, mean 0 and std 1; percentile: linear stretch of the chosen percentiles to 0-1, clipped; log: natural logarithm; db: 10 log10(x) (SAR intensity). Statistics use valid pixels only; x &lt;= 0 has no logarithm and becomes nodata.</source>
      <translation>minmax: (x - min)/(max - min), 0-1; zscore: (x - mean)/std, media 0 e deviazione standard 1; percentile: stiramento lineare dei percentili scelti su 0-1, con troncamento; log: logaritmo naturale; db: 10 log10(x) (intensità SAR). Le statistiche usano solo i pixel validi; x &lt;= 0 non ha logaritmo e diventa nodata.</translation>
    </message>
    <message>
      <source>none: amplitude / detected values as stored. sigma0 or sigma0_db: calibrated backscatter (SCS and DGM products only; the product's calibration attributes are needed).</source>
      <translation>none: ampiezza / valori rilevati (detected) così come memorizzati. sigma0 o sigma0_db: retrodiffusione calibrata (solo prodotti SCS e DGM; sono necessari gli attributi di calibrazione del prodotto).</translation>
    </message>
    <message>
      <source>phase = pure phase correlation (cross-power divided by its magnitude); partial = divided by the square root of the magnitude (default: as sharp, far less sensitive to noise); none = plain cross-correlation.</source>
      <translation>phase = correlazione di fase pura (spettro di potenza incrociato diviso per il suo modulo); partial = diviso per la radice quadrata del modulo (predefinito: altrettanto netto, molto meno sensibile al rumore); none = correlazione incrociata semplice.</translation>
    </message>
    <message>
      <source>velocity: a constant velocity costs nothing (first order, changes of velocity are penalised); acceleration: a constant acceleration costs nothing (second order).</source>
      <translation>velocity: una velocità costante non viene penalizzata (primo ordine, vengono penalizzate le variazioni di velocità); acceleration: un'accelerazione costante non viene penalizzata (secondo ordine).</translation>
    </message>
    <message>
      <source>vnir (about 400-1010 nm), swir (about 920-2500 nm) or pan (panchromatic, 5 m).</source>
      <translation>vnir (circa 400-1010 nm), swir (circa 920-2500 nm) o pan (pancromatico, 5 m).</translation>
    </message>
    <message>
      <source>{0} pairs between {1} images, {2} group(s)</source>
      <translation>{0} coppie tra {1} immagini, {2} gruppo/i</translation>
    </message>
    <message>
      <source>{0} pairs tracked, {1} already complete</source>
      <translation>{0} coppie tracciate, {1} già complete</translation>
    </message>
    <message>
      <source>{0} tasks run on {1} in {2:.1f} s ({3} already complete)</source>
      <translation>{0} task eseguiti su {1} in {2:.1f} s ({3} già completi)</translation>
    </message>
    <message>
      <source>{0}: {1} ({2})</source>
      <translation>{0}: {1} ({2})</translation>
    </message>
  </context>
</TS>