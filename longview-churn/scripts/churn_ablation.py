"""Churn-feature ablation for the online-retail 90-day churn experiment (BENCHMARKS.md,
"Lifecycle analytics and return/churn prediction"): a Python prototype (pandas, scikit-learn,
LightGBM) of the features and models of ChurnEvaluation, used to decide which additional
features / LightGBM settings help before porting them to Java. Nothing here is tuned on the test
cutoffs: every choice is read off the validation folds, the test fold is printed for the record.

Folds (UTC monthly cutoffs, 90-day horizon, eligible = a purchase line in the 365 days before):
  val1: train 2011-01-01, 2011-01-31 (labels end by 2011-05-01)   -> validate 2011-05-01
  val2: train 2011-01-01, 02-01, 03-01 (labels end by 2011-05-30) -> validate 2011-06-01
        (its labels reach 2011-08-30, 30 days into the test period: used only for selection)
  test: train 2011-02-01..05-01 -> test 2011-08-01, 2011-09-01 (as `longview churn eval`)
Run: python3 longview-churn/scripts/churn_ablation.py ../shared/data/online-retail/online_retail.csv.gz
"""
import pandas as pd, numpy as np
import sys
df=pd.read_csv(sys.argv[1] if len(sys.argv)>1 else '../shared/data/online-retail/online_retail.csv.gz',
               dtype={'InvoiceNo':str,'StockCode':str})
df=df[df.CustomerID.notna()].copy()
df['t']=pd.to_datetime(df.InvoiceDate)
df['cancel']=df.InvoiceNo.str.startswith('C')|(df.Quantity<0)
df['rev']=df.Quantity*df.UnitPrice
df['day']=df.t.dt.floor('D')
top_c = df.Country.value_counts().index[:5]
def build(t0, H=90, W=365):
    t0=pd.Timestamp(t0); pre=df[df.t<t0]; pur=pre[~pre.cancel]
    win=pur[pur.t>=t0-pd.Timedelta(days=W)]
    elig=win.CustomerID.unique()
    post=df[(df.t>t0)&(df.t<=t0+pd.Timedelta(days=H))&~df.cancel]
    ret=set(post.CustomerID.unique())
    g=pur[pur.CustomerID.isin(elig)].groupby('CustomerID')
    F=pd.DataFrame(index=pd.Index(elig,name='CustomerID'))
    last=g.t.max(); first=g.t.min()
    F['recency']=(t0-last).dt.total_seconds()/86400
    F['tenure']=(t0-first).dt.total_seconds()/86400
    days=pur[pur.CustomerID.isin(elig)][['CustomerID','day']].drop_duplicates().sort_values(['CustomerID','day'])
    for w in [30,90,180,365]:
        s=t0-pd.Timedelta(days=w)
        pw=pur[(pur.t>=s)&pur.CustomerID.isin(elig)]
        F[f'inv{w}']=pw.groupby('CustomerID').InvoiceNo.nunique().reindex(F.index).fillna(0)
        F[f'days{w}']=pw.groupby('CustomerID').day.nunique().reindex(F.index).fillna(0)
        F[f'rev{w}']=np.log1p(pw.groupby('CustomerID').rev.sum().reindex(F.index).fillna(0).clip(lower=0))
    F['inv_all']=g.InvoiceNo.nunique(); F['days_all']=g.day.nunique()
    F['rev_all']=np.log1p(g.rev.sum().clip(lower=0))
    F['items_all']=np.log1p(g.StockCode.nunique())
    F['lines_per_inv']=g.size()/F.inv_all
    F['aov']=np.exp(F.rev_all)/F.inv_all
    days['gap']=days.groupby('CustomerID').day.diff().dt.days
    gg=days.groupby('CustomerID').gap
    F['gap_mean']=gg.mean().reindex(F.index); F['gap_std']=gg.std().reindex(F.index)
    F['gap_last']=gg.last().reindex(F.index)
    F['gap_mean']=F.gap_mean.fillna(F.tenure+1); F['gap_std']=F.gap_std.fillna(0); F['gap_last']=F.gap_last.fillna(0)
    F['rec_over_gap']=F.recency/F.gap_mean
    F['trend']=F.days90-(F.days180-F.days90)
    can=pre[pre.cancel&pre.CustomerID.isin(elig)]
    F['cancel_share']=(can.groupby('CustomerID').InvoiceNo.nunique().reindex(F.index).fillna(0))/(F.inv_all+1)
    c=pur[pur.CustomerID.isin(elig)].groupby('CustomerID').Country.first()
    F['uk']=(c=='United Kingdom').astype(float)
    F['y']=[0.0 if u in ret else 1.0 for u in F.index]
    F['cut']=str(t0.date())
    return F

import pandas as pd, numpy as np, warnings; warnings.filterwarnings('ignore')
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler
from sklearn.pipeline import make_pipeline
from sklearn.metrics import roc_auc_score
import lightgbm as lgb, functools
@functools.lru_cache(None)
def B(c): return build(c)
def data(cs): return pd.concat([B(c) for c in cs])
def tf(F):
    X=F.drop(columns=['y','cut']).copy()
    for c in X.columns:
        if c.startswith(('inv','days','recency','tenure','gap','aov','lines','rec_')): X[c]=np.log1p(X[c].clip(lower=0))
    return X
RFM=['recency','days365','inv365','rev365']
BASE=['recency','days365','inv365','rev365','aov','tenure','gap_mean','gap_std','rec_over_gap','days90','items_all']
def lr(tr,te,cols,C=1.0):
    m=make_pipeline(StandardScaler(),LogisticRegression(C=C,max_iter=2000)); m.fit(tf(tr)[cols],tr.y); return m.predict_proba(tf(te)[cols])[:,1]
def gbm(tr,te,cols,p=None,rounds=300):
    prm=dict(objective='binary',learning_rate=0.03,num_leaves=15,max_depth=5,min_data_in_leaf=40,feature_fraction=0.8,bagging_fraction=0.8,bagging_freq=1,lambda_l2=1.0,verbose=-1,seed=42,num_threads=1,deterministic=True)
    if p: prm.update(p)
    b=lgb.train(prm,lgb.Dataset(tr[cols],tr.y),rounds); return b.predict(te[cols])
ALL=[c for c in B('2011-02-01').columns if c not in ('y','cut')]

import pandas as pd
def semi(a,b):
    d=pd.date_range(a,b,freq='SMS'); return [str(x.date()) for x in d]
folds={'val1':(['2011-01-01','2011-01-31'],['2011-05-01']),
       'val2':(['2011-01-01','2011-02-01','2011-03-01'],['2011-06-01']),
       'test':(['2011-02-01','2011-03-01','2011-04-01','2011-05-01'],['2011-08-01','2011-09-01'])}
semis={'val1':semi('2011-01-01','2011-01-31'),'val2':semi('2011-01-01','2011-03-01'),'test':semi('2011-02-01','2011-05-01')}
WIN=['inv30','days30','rev30','inv90','days90','rev90','inv180','days180','rev180','inv_all','days_all','rev_all']
GAP=['gap_mean','gap_std','gap_last','rec_over_gap']
sets={'rfm':RFM,'rfm+ten':RFM+['tenure'],'rfm+win':RFM+WIN,'rfm+win+ten':RFM+WIN+['tenure'],'rfm+gap':RFM+GAP,'rfm+ten+gap':RFM+['tenure']+GAP,
 'rfm+ten+trend':RFM+['tenure','trend'],'rfm+misc':RFM+['tenure','aov','items_all','lines_per_inv','cancel_share','uk'],'all':ALL}
for name,(a,b) in folds.items():
    tr,te=data(a),data(b); trs=data(semis[name])
    out={}
    for sn,cols in sets.items():
        out['lr:'+sn]=roc_auc_score(te.y,lr(tr,te,cols,0.1))
    out['lr:all:semi']=roc_auc_score(te.y,lr(trs,te,ALL,0.1))
    out['lr:rfm:semi']=roc_auc_score(te.y,lr(trs,te,RFM,0.1))
    out['gbm:all:semi_slow']=roc_auc_score(te.y,gbm(trs,te,ALL,dict(num_leaves=7,min_data_in_leaf=100,learning_rate=0.02),300))
    out['gbm:rfm+ten_slow']=roc_auc_score(te.y,gbm(tr,te,RFM+['tenure'],dict(num_leaves=7,min_data_in_leaf=100,learning_rate=0.02),300))
    print(name,len(tr),len(trs),len(te)); [print(f'  {k:24s} {v:.4f}') for k,v in out.items()]

import lightgbm as lgb
grid=[dict(num_leaves=nl,min_data_in_leaf=md,learning_rate=0.02) for nl in (4,7,15,31) for md in (50,200)]
res={}
for name in ('val1','val2'):
    a,b=folds[name]; tr,te=data(a),data(b)
    for i,g in enumerate(grid):
        prm=dict(objective='binary',feature_fraction=0.8,bagging_fraction=0.8,bagging_freq=1,lambda_l2=1.0,verbose=-1,seed=42,num_threads=1,deterministic=True,metric='auc',**g)
        bst=lgb.train(prm,lgb.Dataset(tr[ALL],tr.y),2000,valid_sets=[lgb.Dataset(te[ALL],te.y)],callbacks=[lgb.early_stopping(100,verbose=False)])
        res.setdefault(i,[]).append((round(float(bst.best_score['valid_0']['auc']),4),bst.best_iteration))
for i,g in enumerate(grid): print(g,res[i])
