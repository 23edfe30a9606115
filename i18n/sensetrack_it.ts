<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="it_IT">
  <context>
    <name>SenseTrack</name>
    <message>
      <source>1 = the 8 neighbours of a 3x3 neighbourhood.</source>
      <translation>1 = gli 8 vicini di un intorno 3x3.</translation>
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
      <source>&lt;p&gt;Divides the displacement by the time between the two acquisitions and adds the bands VX (east), VY (north), VELOCITY (&amp;ge; 0) in metres (map units) per day or per year (365.25 days), UNIT = m/day | m/year; DIRECTION is carried over, and SIGMA_DX/SIGMA_DY/ERROR (from the stable-ground correction) become SIGMA_VX, SIGMA_VY, VELOCITY_ERROR. All input bands are kept.&lt;/p&gt;&lt;p&gt;Dates (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS) are taken from the parameters, else from the result's SENSETRACK_REFERENCE_DATE/SENSETRACK_TARGET_DATE metadata, else from the acquisition metadata or the names of the tracked files (e.g. …_20230105T170012_…). The reference date must be the earlier.&lt;/p&gt;</source>
      <translation>&lt;p&gt;Divide lo spostamento per l'intervallo di tempo tra le due acquisizioni e aggiunge le bande VX (est), VY (nord), VELOCITY (&amp;ge; 0) in metri (unità di mappa) al giorno o all'anno (365,25 giorni), UNIT = m/day | m/year; DIRECTION viene mantenuta, mentre SIGMA_DX/SIGMA_DY/ERROR (dalla correzione sul terreno stabile) diventano SIGMA_VX, SIGMA_VY, VELOCITY_ERROR. Tutte le bande di input vengono mantenute.&lt;/p&gt;&lt;p&gt;Le date (YYYY-MM-DD o YYYY-MM-DDTHH:MM:SS) vengono lette dai parametri, altrimenti dai metadati SENSETRACK_REFERENCE_DATE/SENSETRACK_TARGET_DATE del risultato, altrimenti dai metadati di acquisizione o dai nomi dei file di input del tracciamento (ad es. …_20230105T170012_…). La data di riferimento deve essere la precedente.&lt;/p&gt;</translation>
    </message>
    <message>
      <source>&lt;p&gt;Estimates the residual co-registration offset on ground that did not move and removes it from the whole result: a constant (median, the default), a plane or a quadratic surface (robust least squares, MODEL = median | plane | quadratic). The stable ground is inside the polygons of a polygon layer, or where a raster mask is non-zero; tick 'Stable ground is outside the mask' to use everything outside (e.g. outside the landslide).&lt;/p&gt;&lt;p&gt;Reports the stable-ground median, NMAD (1.4826 x median absolute deviation), RMSE and count of DX and DY before and after (log, output numbers and optional table), and adds per-vector uncertainty bands SIGMA_DX, SIGMA_DY (1 sigma, map units) and ERROR = hypot(SIGMA_DX, SIGMA_DY). The error model takes the relative error of each vector from its correlation PEAK (sqrt(1-p^2)/p) or SNR (uniform for dense trackers) and scales it so that 68.27 % of the stable-ground errors fall inside +-1 sigma, plus the standard error of the removed bias.&lt;/p&gt;</source>
      <translation>&lt;p&gt;Stima l'offset residuo di coregistrazione sul terreno che non si è mosso e lo rimuove dall'intero risultato: una costante (mediana, impostazione predefinita), un piano o una superficie quadratica (minimi quadrati robusti, MODEL = median | plane | quadratic). Il terreno stabile è quello all'interno dei poligoni di un layer poligonale, oppure dove una maschera raster è diversa da zero; selezionare 'Terreno stabile esterno alla maschera' per usare tutto ciò che si trova all'esterno (ad es. fuori dalla frana).&lt;/p&gt;&lt;p&gt;Riporta mediana, NMAD (1,4826 x deviazione assoluta mediana), RMSE e numero di vettori di DX e DY sul terreno stabile prima e dopo la correzione (nel log, negli output numerici e nella tabella opzionale) e aggiunge per ogni vettore le bande di incertezza SIGMA_DX, SIGMA_DY (1 sigma, unità di mappa) ed ERROR = hypot(SIGMA_DX, SIGMA_DY). Il modello d'errore ricava l'errore relativo di ogni vettore dal suo PEAK di correlazione (sqrt(1-p^2)/p) o dall'SNR (uniforme per i metodi densi) e lo scala in modo che il 68,27 % degli errori sul terreno stabile ricada entro +-1 sigma, sommandovi l'errore standard del bias rimosso.&lt;/p&gt;</translation>
    </message>
    <message>
      <source>&lt;p&gt;Removes outliers from a displacement result, in this order: minimum PEAK and SNR (windowed trackers), maximum plausible displacement (pixels) or velocity, the normalised median test over a neighbourhood, an optional direction-consistency filter and removal of isolated clumps. Thresholds of 0 switch a filter off; thresholds in pixels refer to pixels of the tracked images.&lt;/p&gt;&lt;p&gt;Removed vectors become NaN (nodata). The MASK band/field records why, as bit flags: 1 PEAK, 2 SNR, 4 maximum displacement/velocity, 8 median test, 16 direction, 32 clump, 64 interpolated (small holes filled when 'Interpolate holes' is set); 0 = kept, NaN = no input vector. The number removed by each filter is logged and written to the optional table.&lt;/p&gt;</source>
      <translation>&lt;p&gt;Rimuove i valori anomali (outlier) da un risultato di spostamento, in quest'ordine: PEAK e SNR minimi (metodi a finestra), spostamento (in pixel) o velocità massimi plausibili, test della mediana normalizzato su un intorno, un filtro opzionale di coerenza della direzione e la rimozione dei gruppi isolati. Una soglia pari a 0 disattiva il relativo filtro; le soglie in pixel si riferiscono ai pixel delle immagini di input del tracciamento.&lt;/p&gt;&lt;p&gt;I vettori rimossi diventano NaN (nodata). La banda/il campo MASK ne registra il motivo come flag di bit: 1 PEAK, 2 SNR, 4 spostamento/velocità massimi, 8 test della mediana, 16 direzione, 32 gruppo isolato, 64 interpolato (piccole lacune riempite quando 'Interpola lacune' è attivo); 0 = mantenuto, NaN = nessun vettore in input. Il numero di vettori rimossi da ciascun filtro viene riportato nel log e scritto nella tabella opzionale.&lt;/p&gt;</translation>
    </message>
    <message>
      <source>&lt;p&gt;Writes a self-contained HTML report (figures embedded) of a displacement result: a map of the magnitude (or velocity) with arrows, histograms of DX and DY on stable ground (on all vectors when no stable-ground mask is given), the stable-ground statistics (median, NMAD, RMSE, count; before and after the correction when it was applied), the uncertainty summary, the parameters used and the provenance of the inputs (tracked files, method, every post-processing step).&lt;/p&gt;</source>
      <translation>&lt;p&gt;Scrive un rapporto HTML autonomo (con le figure incorporate) su un risultato di spostamento: una mappa del modulo (o della velocità) con frecce, gli istogrammi di DX e DY sul terreno stabile (su tutti i vettori se non viene fornita una maschera del terreno stabile), le statistiche sul terreno stabile (mediana, NMAD, RMSE, numero di vettori; prima e dopo la correzione, se applicata), il riepilogo dell'incertezza, i parametri usati e la provenienza degli input (file di input del tracciamento, metodo, ogni passaggio di post-elaborazione).&lt;/p&gt;</translation>
    </message>
    <message>
      <source>A SenseTrack displacement raster or point layer (GeoPackage).</source>
      <translation>Un raster di spostamento di SenseTrack o un layer di punti (GeoPackage).</translation>
    </message>
    <message>
      <source>A preset file with tuning parameters; its values replace the ones set here.</source>
      <translation>Un file di preset con i parametri di regolazione; i suoi valori sostituiscono quelli impostati qui.</translation>
    </message>
    <message>
      <source>Acceptable correlation noise in pixels added to the normalising residual (0.1 in the paper).</source>
      <translation>Rumore di correlazione accettabile in pixel, aggiunto al residuo di normalizzazione (0,1 nell'articolo).</translation>
    </message>
    <message>
      <source>Add pixel offset bands (COL_SHIFT, ROW_SHIFT)</source>
      <translation>Aggiungi bande di offset in pixel (COL_SHIFT, ROW_SHIFT)</translation>
    </message>
    <message>
      <source>Also write the offsets in pixels: COL_SHIFT to the right, ROW_SHIFT down the image.</source>
      <translation>Scrive anche gli offset in pixel: COL_SHIFT verso destra, ROW_SHIFT verso il basso nell'immagine.</translation>
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
      <source>Band of the reference image to track (1 = first).</source>
      <translation>Banda dell'immagine di riferimento da usare per il tracciamento (1 = la prima).</translation>
    </message>
    <message>
      <source>Band of the target image to track (1 = first).</source>
      <translation>Banda dell'immagine target da usare per il tracciamento (1 = la prima).</translation>
    </message>
    <message>
      <source>Bias model</source>
      <translation>Modello del bias</translation>
    </message>
    <message>
      <source>COSMO-SkyMed</source>
      <translation>COSMO-SkyMed</translation>
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
      <source>Choose at least one output (OUTPUT or OUTPUT_POINTS).</source>
      <translation>Scegliere almeno un output (OUTPUT o OUTPUT_POINTS).</translation>
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
      <source>Data-term weight: smaller values give smoother flow.</source>
      <translation>Peso del termine dei dati: valori più piccoli producono un flusso più regolare.</translation>
    </message>
    <message>
      <source>Days between the acquisitions</source>
      <translation>Giorni tra le acquisizioni</translation>
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
      <source>Displacement report (HTML)</source>
      <translation>Rapporto sugli spostamenti (HTML)</translation>
    </message>
    <message>
      <source>Displacement result</source>
      <translation>Risultato di spostamento</translation>
    </message>
    <message>
      <source>Displacement to velocity</source>
      <translation>Da spostamento a velocità</translation>
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
      <source>Fraction of input vectors kept</source>
      <translation>Frazione di vettori di input mantenuti</translation>
    </message>
    <message>
      <source>Fraction of pixels with a result</source>
      <translation>Frazione di pixel con un risultato</translation>
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
      <source>GeoTIFF with bands DX, DY, MAGNITUDE, DIRECTION.</source>
      <translation>GeoTIFF con le bande DX, DY, MAGNITUDE, DIRECTION.</translation>
    </message>
    <message>
      <source>Image scale (&lt;1) between pyramid levels; 0.5 halves each level.</source>
      <translation>Fattore di scala dell'immagine (&lt;1) tra i livelli della piramide; 0,5 dimezza ogni livello.</translation>
    </message>
    <message>
      <source>Interpolate holes up to this many vectors (0 = off)</source>
      <translation>Interpola lacune fino a questo numero di vettori (0 = disattivato)</translation>
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
      <source>Leave empty to use the nodata value or mask declared in the file.</source>
      <translation>Lasciare vuoto per usare il valore nodata o la maschera dichiarati nel file.</translation>
    </message>
    <message>
      <source>Maximum direction difference to neighbours, degrees (0 = off)</source>
      <translation>Differenza massima di direzione dai vicini, gradi (0 = disattivato)</translation>
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
      <source>Median DX {0:.4g}, median DY {1:.4g}, maximum magnitude {2:.4g} ({3})</source>
      <translation>Mediana DX {0:.4g}, mediana DY {1:.4g}, modulo massimo {2:.4g} ({3})</translation>
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
      <source>Missing Python package(s): {0}. {1}</source>
      <translation>Pacchetti Python mancanti: {0}. {1}</translation>
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
      <source>Normalised median test threshold (0 = off)</source>
      <translation>Soglia del test della mediana normalizzato (0 = disattivato)</translation>
    </message>
    <message>
      <source>Not enough memory. Try a smaller area or fewer bands.</source>
      <translation>Memoria insufficiente. Provare con un'area più piccola o con meno bande.</translation>
    </message>
    <message>
      <source>Number of iterations at each pyramid level.</source>
      <translation>Numero di iterazioni per ogni livello della piramide.</translation>
    </message>
    <message>
      <source>Number of pyramid levels including the full-resolution image; more levels follow larger motion.</source>
      <translation>Numero di livelli della piramide, inclusa l'immagine a piena risoluzione; più livelli permettono di seguire movimenti più ampi.</translation>
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
      <source>Optional: the stable ground for the histograms and statistics.</source>
      <translation>Opzionale: il terreno stabile per gli istogrammi e le statistiche.</translation>
    </message>
    <message>
      <source>PRISMA</source>
      <translation>PRISMA</translation>
    </message>
    <message>
      <source>Parameter preset (JSON or YAML)</source>
      <translation>Preset dei parametri (JSON o YAML)</translation>
    </message>
    <message>
      <source>Polygons of stable ground, or a raster that is non-zero on stable ground. Reprojected to the result's CRS when needed.</source>
      <translation>Poligoni del terreno stabile, oppure un raster diverso da zero sul terreno stabile. Viene riproiettato nel SR del risultato, se necessario.</translation>
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
      <source>Pyramid levels</source>
      <translation>Livelli della piramide</translation>
    </message>
    <message>
      <source>Pyramid scale</source>
      <translation>Scala della piramide</translation>
    </message>
    <message>
      <source>Radius of the window considered around each pixel.</source>
      <translation>Raggio della finestra considerata attorno a ogni pixel.</translation>
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
      <source>Remove isolated groups (8-connected) of fewer valid vectors than this.</source>
      <translation>Rimuove i gruppi isolati (8-connessi) con meno vettori validi di questo valore.</translation>
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
      <source>Remove vectors whose PEAK band/field is below this value (windowed trackers). 0 switches it off.</source>
      <translation>Rimuove i vettori la cui banda/campo PEAK è inferiore a questo valore (metodi a finestra). 0 lo disattiva.</translation>
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
      <source>SNAP</source>
      <translation>SNAP</translation>
    </message>
    <message>
      <source>SenseTrack: missing Python package(s): {0}. Those algorithms are disabled; the others work. {1}</source>
      <translation>SenseTrack: pacchetti Python mancanti: {0}. Questi algoritmi sono disabilitati; gli altri funzionano. {1}</translation>
    </message>
    <message>
      <source>Sentinel-1</source>
      <translation>Sentinel-1</translation>
    </message>
    <message>
      <source>Spacing of the median-test neighbours. 1 = adjacent cells (windowed trackers). For dense results (one vector per pixel) use about the size of the bad patches to catch, e.g. 10, so that a patch is compared with the ground around it.</source>
      <translation>Spaziatura dei vicini nel test della mediana. 1 = celle adiacenti (metodi a finestra). Per risultati densi (un vettore per pixel) usare all'incirca la dimensione delle aree errate da individuare, ad es. 10, in modo che ogni area venga confrontata con il terreno circostante.</translation>
    </message>
    <message>
      <source>Stable ground is outside the mask</source>
      <translation>Terreno stabile esterno alla maschera</translation>
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
      <source>Target (later) acquisition date</source>
      <translation>Data di acquisizione target (successiva)</translation>
    </message>
    <message>
      <source>Target (later) image</source>
      <translation>Immagine target (successiva)</translation>
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
      <source>The HTML report (one file, figures embedded).</source>
      <translation>Il rapporto HTML (un unico file, con le figure incorporate).</translation>
    </message>
    <message>
      <source>The displacement result could not be loaded as a layer.</source>
      <translation>Impossibile caricare il risultato di spostamento come layer.</translation>
    </message>
    <message>
      <source>The earlier image. Displacement is measured from it to the target.</source>
      <translation>L'immagine precedente. Lo spostamento viene misurato da questa all'immagine target.</translation>
    </message>
    <message>
      <source>The later image, on the same grid as the reference (same CRS, extent and pixel size).</source>
      <translation>L'immagine successiva, sulla stessa griglia dell'immagine di riferimento (stesso SR, estensione e dimensione del pixel).</translation>
    </message>
    <message>
      <source>The {0} layer is missing or cannot be read.</source>
      <translation>Il layer {0} è mancante o non può essere letto.</translation>
    </message>
    <message>
      <source>Tightness</source>
      <translation>Accoppiamento (tightness)</translation>
    </message>
    <message>
      <source>Tolerance</source>
      <translation>Tolleranza</translation>
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
      <source>Use a Gaussian instead of a box averaging window (OPTFLOW_FARNEBACK_GAUSSIAN): slower, more accurate.</source>
      <translation>Usa una finestra di media gaussiana invece di una rettangolare (OPTFLOW_FARNEBACK_GAUSSIAN): più lenta, più accurata.</translation>
    </message>
    <message>
      <source>Use a Gaussian kernel instead of a uniform one for the local window.</source>
      <translation>Usa un kernel gaussiano invece di uno uniforme per la finestra locale.</translation>
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
      <source>Vectors on stable ground</source>
      <translation>Vettori sul terreno stabile</translation>
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
      <source>Warps</source>
      <translation>Deformazioni (warp)</translation>
    </message>
    <message>
      <source>Weight of the coupling term; higher values favour data fidelity.</source>
      <translation>Peso del termine di accoppiamento; valori più alti favoriscono la fedeltà ai dati.</translation>
    </message>
    <message>
      <source>Westerweel &amp; Scarano (2005) normalised median test: remove a vector whose residual against the median of its neighbours, normalised by their median residual, exceeds this (2 in the paper).</source>
      <translation>Test della mediana normalizzato di Westerweel &amp; Scarano (2005): rimuove un vettore se il suo residuo rispetto alla mediana dei vicini, normalizzato per il loro residuo mediano, supera questo valore (2 nell'articolo).</translation>
    </message>
    <message>
      <source>Window radius (pixels)</source>
      <translation>Raggio della finestra (pixel)</translation>
    </message>
    <message>
      <source>YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS. Leave empty to read it from the result's metadata or the tracked file names.</source>
      <translation>YYYY-MM-DD o YYYY-MM-DDTHH:MM:SS. Lasciare vuoto per leggerla dai metadati del risultato o dai nomi dei file di input del tracciamento.</translation>
    </message>
    <message>
      <source>m/day or m/year (map units per day or per 365.25-day year).</source>
      <translation>m/day o m/year (unità di mappa al giorno o per anno di 365,25 giorni).</translation>
    </message>
    <message>
      <source>median: constant offset; plane / quadratic: surface in map coordinates, fitted robustly on the stable ground (for a ramp left by orbit or attitude errors).</source>
      <translation>median: offset costante; plane / quadratic: superficie nelle coordinate di mappa, adattata in modo robusto sul terreno stabile (per una rampa dovuta a errori di orbita o di assetto).</translation>
    </message>
  </context>
</TS>